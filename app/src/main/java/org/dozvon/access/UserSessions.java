package org.dozvon.access;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.stereotype.Component;

/**
 * The portal sessions of each user on this instance, so that "Log out everywhere" can end them. Kept in memory:
 * a single instance is assumed (several instances behind a balancer each end only their own sessions).
 */
@Component
class UserSessions implements HttpSessionListener {

    private final Map<String, Set<HttpSession>> byUser = new ConcurrentHashMap<>();

    void loggedIn(String username, HttpSession session) {
        byUser.computeIfAbsent(key(username), k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Ends every session of the user; returns how many. */
    int endAll(String username) {
        Set<HttpSession> sessions = byUser.remove(key(username));
        if (sessions == null) {
            return 0;
        }
        int ended = 0;
        for (HttpSession session : sessions) {
            try {
                session.invalidate();
                ended++;
            } catch (IllegalStateException alreadyEnded) {
                // ended meanwhile
            }
        }
        return ended;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        byUser.values().forEach(sessions -> sessions.remove(event.getSession()));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
