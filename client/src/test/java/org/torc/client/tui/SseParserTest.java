package org.torc.client.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SseParserTest {
    @Test
    void a_blank_line_ends_a_frame_of_event_and_data() {
        SseParser p = new SseParser();
        assertNull(p.feed("event: job_completed"));
        assertNull(p.feed("data: {\"job_id\":1}"));
        assertEquals(new SseParser.Frame("job_completed", "{\"job_id\":1}"), p.feed(""));
    }

    @Test
    void comments_are_skipped_and_data_lines_joined() {
        SseParser p = new SseParser();
        assertNull(p.feed(": keep-alive"));
        assertNull(p.feed(""));
        p.feed("data: a");
        p.feed("data:b");
        assertEquals(new SseParser.Frame("message", "a\nb"), p.feed(""));
    }

    @Test
    void an_event_keeps_its_type_and_gets_a_severity_for_the_table() {
        var e = EventLog.parse(new SseParser.Frame("warning", "{\"dropped\": 3}"));
        assertEquals("warning", e.path("event_type").asText());
        assertEquals("warning", e.path("severity").asText());
    }
}
