package org.dozvon.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/** A session lives at most the absolute lifetime, however busy; time moves by the clock, not by sleeping. */
class SessionLifetimeFilterTests {

    private static final Duration LIFETIME = Duration.ofHours(12);
    /** The application's clock, far from the wall clock: the session's age must not depend on the wall. */
    private static final Instant START = Instant.parse("2031-03-03T06:00:00Z");

    @Test
    void aSessionYoungerThanTheLifetimeGoesOn() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse response = filter(session, 11);

        assertThat(session.isInvalid()).isFalse();
        assertThat(response.getRedirectedUrl()).isNull();
    }

    @Test
    void aSessionOlderThanTheLifetimeEndsAndTheUserLogsInAgain() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse response = filter(session, 13);

        assertThat(session.isInvalid()).isTrue();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
    }

    @Test
    void aZeroLifetimeNeverEndsASession() throws Exception {
        MockHttpSession session = new MockHttpSession();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/campaigns");
        request.setSession(session);
        session.setAttribute(SessionLifetimeFilter.STARTED, START.toEpochMilli());
        Clock muchLater = Clock.fixed(START.plus(Duration.ofDays(30)), ZoneOffset.UTC);
        new SessionLifetimeFilter(muchLater, Duration.ZERO).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(session.isInvalid()).isFalse();
    }

    /** A first request at {@link #START} (the session is seen), then one {@code hoursLater}; the second's answer. */
    private static MockHttpServletResponse filter(MockHttpSession session, int hoursLater) throws Exception {
        request(session, Clock.fixed(START, ZoneOffset.UTC));
        assertThat(session.isInvalid()).as("a new session goes on").isFalse();
        return request(session, Clock.fixed(START.plus(Duration.ofHours(hoursLater)), ZoneOffset.UTC));
    }

    private static MockHttpServletResponse request(MockHttpSession session, Clock clock) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/campaigns");
        request.setServletPath("/campaigns");
        request.setSession(session);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SessionLifetimeFilter(clock, LIFETIME).doFilter(request, response, new MockFilterChain());
        return response;
    }
}
