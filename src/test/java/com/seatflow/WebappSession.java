package com.seatflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** A browser's session with the Camunda webapps: the cookies and CSRF token it keeps between their calls. */
public final class WebappSession {

    private final TestRestTemplate http;
    private final List<String> cookies = new ArrayList<>();
    private String csrfToken;

    private WebappSession(TestRestTemplate http) {
        this.http = http;
    }

    /** Signs in on the Welcome app's login form, as its page does. */
    public static WebappSession signIn(TestRestTemplate http, String user, String password) {
        WebappSession session = new WebappSession(http);
        session.load("/camunda/app/welcome/default/");
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> signedIn = session.exchange(HttpMethod.POST,
                "/camunda/api/admin/auth/user/default/login/welcome", form, String.class);
        assertThat(signedIn.getStatusCode()).as(signedIn::toString).isEqualTo(HttpStatus.OK);
        session.load("/camunda/app/welcome/default/"); // a fresh CSRF token for the new session, as the page gets
        return session;
    }

    /** Loads a page as a browser does (HTML accepted). */
    public ResponseEntity<String> load(String page) {
        HttpHeaders headers = headers(MediaType.TEXT_HTML);
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return keep(http.exchange(page, HttpMethod.GET, new HttpEntity<>(headers), String.class));
    }

    public ResponseEntity<String> changePassword(String user, String newPassword, String currentPassword) {
        return exchange(HttpMethod.PUT, "/camunda/api/engine/engine/default/user/" + user + "/credentials",
                Map.of("password", newPassword, "authenticatedUserPassword", currentPassword), String.class);
    }

    public <T> ResponseEntity<T> exchange(HttpMethod method, String path, Object body, Class<T> type) {
        MediaType contentType = body instanceof LinkedMultiValueMap<?, ?> ? MediaType.APPLICATION_FORM_URLENCODED
                : MediaType.APPLICATION_JSON;
        return keep(http.exchange(path, method, new HttpEntity<>(body, headers(contentType)), type));
    }

    private HttpHeaders headers(MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(contentType);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_HTML));
        cookies.forEach(cookie -> headers.add(HttpHeaders.COOKIE, cookie));
        if (csrfToken != null) {
            headers.add("X-XSRF-TOKEN", csrfToken);
        }
        return headers;
    }

    private <T> ResponseEntity<T> keep(ResponseEntity<T> response) {
        for (String setCookie : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            String nameAndValue = setCookie.split(";", 2)[0];
            String name = nameAndValue.substring(0, nameAndValue.indexOf('=') + 1);
            cookies.removeIf(cookie -> cookie.startsWith(name));
            cookies.add(nameAndValue);
            if (name.equals("XSRF-TOKEN=")) {
                csrfToken = nameAndValue.substring(name.length());
            }
        }
        return response;
    }
}
