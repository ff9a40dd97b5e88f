package com.seatflow.platform;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The plain HTML pages Seatflow serves to people without an account (invitation links, enrolment keys). */
public final class HtmlPages {

    private HtmlPages() {
    }

    /** A page with an escaped title around {@code body}, which must already be escaped HTML. Never cached. */
    public static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Seatflow</title>
                <style>
                body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5 }
                .warning { background: #fff4ce; border-left: 4px solid #b58500; padding: .75rem 1rem }
                .error { background: #fde7e9; border-left: 4px solid #c00; padding: .75rem 1rem }
                label { display: block; margin: .75rem 0 }
                input { display: block; width: 100%%; padding: .4rem; box-sizing: border-box }
                form { margin: 1rem 0 }
                button { padding: .5rem 1.25rem }
                </style>
                </head>
                <body>
                <h1>%s</h1>
                %s
                </body>
                </html>
                """.formatted(htmlEscape(title), htmlEscape(title), body);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Referrer-Policy", "no-referrer").body(page);
    }

    /** One escaped paragraph. */
    public static String paragraph(String text) {
        return "<p>" + htmlEscape(text) + "</p>";
    }
}
