package org.dozvon.campaigns;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A callback that is no longer open (done, cancelled or expired) cannot be completed or cancelled. */
@ResponseStatus(HttpStatus.CONFLICT)
public class CallbackClosed extends RuntimeException {

    private final transient Callback callback;

    public CallbackClosed(Callback callback) {
        super("Callback " + callback.id() + " is " + callback.status() + ": only a pending or due callback can change");
        this.callback = callback;
    }

    public Callback callback() {
        return callback;
    }
}
