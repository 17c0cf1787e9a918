package org.dozvon.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.Part;

import org.dozvon.access.ApiTokens;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Idempotency-Key} on the REST API's POSTs (issue 8): a POST sent with a key is done once per caller and key;
 * sent again with the same key and the same request (method, path and query, body) within the time keys are kept,
 * it gets the first answer again, byte for byte, with {@code Idempotent-Replayed: true}. The same key with another
 * request answers 409, and so does the same request while its first sending is still being answered. Only
 * successful (2xx) answers are kept: a refusal or a failure changed nothing, so the key is released and a corrected
 * or later request may use it. An answer that holds a secret (a new API token, request attribute
 * {@code ApiTokens.SECRET_IN_ANSWER}) is not kept either: the secret must exist nowhere but in the caller's hands.
 *
 * <p>Registered behind Spring Security's filters (keys are the authenticated caller's own, and a caller without
 * the endpoint's permission never gets this far), for {@code /api/v1/*} only. Bodies of JSON requests are read
 * once and handed on; multipart requests are fingerprinted over their parts as the container stored them (a large
 * upload is never held in memory); the answer is written through to the client as it is produced and copied aside.
 */
class IdempotencyKeyFilter extends OncePerRequestFilter {

    static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotencyKeys keys;
    private final Problems problems;
    private final ObjectMapper objectMapper;

    IdempotencyKeyFilter(IdempotencyKeys keys, Problems problems, ObjectMapper objectMapper) {
        this.keys = keys;
        this.problems = problems;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(IdempotencyKeys.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            // the security answers for it; keys belong to callers
            chain.doFilter(request, response);
            return;
        }
        List<String> values = Collections.list(request.getHeaders(IdempotencyKeys.HEADER));
        if (values.size() != 1 || !valid(values.get(0))) {
            writeProblem(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "web.idempotency.invalidKey");
            return;
        }
        String key = values.get(0);
        String principal = caller.getName();

        HttpServletRequest readable = request;
        byte[] hash;
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (contentType.startsWith("multipart/")) {
            try {
                hash = multipartHash(request);
            } catch (IllegalStateException | ServletException unreadable) {
                // too large, or not multipart after all: the endpoint's own handling answers it, and nothing is done
                chain.doFilter(request, response);
                return;
            }
        } else if (contentType.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            hash = parametersHash(request);
        } else {
            byte[] body = request.getInputStream().readAllBytes();
            hash = sha256().digest(body);
            readable = new ReadBody(request, body);
        }
        String query = request.getQueryString();
        IdempotencyKeys.Fingerprint fingerprint = new IdempotencyKeys.Fingerprint(request.getMethod(),
                request.getRequestURI() + (query == null ? "" : "?" + query), hash);

        IdempotencyKeys.Claim claim = keys.claim(principal, key, fingerprint);
        if (claim instanceof IdempotencyKeys.Replay replay) {
            replay(replay, response);
        } else if (claim instanceof IdempotencyKeys.OtherRequest) {
            writeProblem(request, response, HttpStatus.CONFLICT, "web.idempotency.otherRequest");
        } else if (claim instanceof IdempotencyKeys.InProgress) {
            writeProblem(request, response, HttpStatus.CONFLICT, "web.idempotency.inProgress");
        } else {
            work(readable, response, chain, principal, key);
        }
    }

    private void work(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String principal,
                      String key) throws ServletException, IOException {
        CopiedResponse copied = new CopiedResponse(response);
        boolean kept = false;
        try {
            chain.doFilter(request, copied);
            copied.flushWriter();
            int status = copied.getStatus();
            // an asynchronous answer (none of the API's POSTs is one) is not complete here: not kept; nor is an
            // answer holding a secret (a new API token's): a secret never lies in this table
            if (status >= 200 && status < 300 && !request.isAsyncStarted()
                    && request.getAttribute(ApiTokens.SECRET_IN_ANSWER) == null) {
                keys.complete(principal, key, status, copied.getHeader(HttpHeaders.LOCATION), copied.getContentType(),
                        copied.copy());
                kept = true;
            }
        } finally {
            if (!kept) {
                keys.release(principal, key);
            }
        }
    }

    private static void replay(IdempotencyKeys.Replay replay, HttpServletResponse response) throws IOException {
        response.setStatus(replay.status());
        if (replay.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, replay.location());
        }
        if (replay.contentType() != null) {
            response.setContentType(replay.contentType());
        }
        response.setHeader(REPLAYED, "true");
        byte[] body = replay.body() == null ? new byte[0] : replay.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String messageKey) throws IOException {
        String message = problems.message(messageKey, IdempotencyKeys.HEADER);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errors", Map.of(IdempotencyKeys.HEADER, message));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /** 1 to 255 visible ASCII characters (no spaces, no control characters). */
    static boolean valid(String key) {
        if (key.isEmpty() || key.length() > 255) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static byte[] multipartHash(HttpServletRequest request) throws IOException, ServletException {
        MessageDigest digest = sha256();
        for (Part part : request.getParts()) {
            update(digest, part.getName());
            update(digest, part.getSubmittedFileName());
            update(digest, part.getContentType());
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(part.getSize()).array());
            try (InputStream content = part.getInputStream()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            }
        }
        return digest.digest();
    }

    private static byte[] parametersHash(HttpServletRequest request) {
        MessageDigest digest = sha256();
        new TreeMap<>(request.getParameterMap()).forEach((name, values) -> {
            update(digest, name);
            for (String value : values) {
                update(digest, value);
            }
        });
        return digest.digest();
    }

    /** A value with its length first, so that no two sequences of values digest alike. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** The request with its body, already read for the fingerprint, to be read again. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    /** The response written through to the client as it comes, its body copied aside to be kept. */
    private static final class CopiedResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private PrintWriter writer;

        CopiedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                        copy.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        target.write(b, off, len);
                        copy.write(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), getCharacterEncoding()));
            }
            return writer;
        }

        @Override
        public void flushBuffer() throws IOException {
            flushWriter();
            super.flushBuffer();
        }

        void flushWriter() {
            if (writer != null) {
                writer.flush();
            }
        }

        byte[] copy() {
            return copy.toByteArray();
        }
    }
}
