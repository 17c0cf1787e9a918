package org.dozvon.dialing;

import java.util.List;

import org.dozvon.access.Permission;
import org.dozvon.access.RequiresPermission;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/call-attempts}: the record of dialled calls, newest first. */
@RestController
class CallAttemptsApi {

    private final CallRecords records;

    CallAttemptsApi(CallRecords records) {
        this.records = records;
    }

    /**
     * @param campaignId only this campaign's
     * @param contactId  only this contact's
     * @param before     only attempts with a smaller id (the next page: the last id of this one)
     * @param limit      at most this many (1–500)
     */
    @GetMapping("/api/v1/call-attempts")
    @RequiresPermission(Permission.CAMPAIGNS_VIEW)
    List<CallRecord> list(@RequestParam(required = false) Long campaignId, @RequestParam(required = false) Long contactId,
                          @RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
        return records.list(campaignId, contactId, before, limit);
    }
}
