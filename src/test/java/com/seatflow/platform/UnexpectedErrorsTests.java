package com.seatflow.platform;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The advices in the order the application has them: Seatflow's, Spring Boot's problem details, the catch-all. */
class UnexpectedErrorsTests {

    /** As Spring Boot registers its (package-private) problem details handler: order 0. */
    @ControllerAdvice
    @Order(0)
    static class SpringProblemDetails extends ResponseEntityExceptionHandler {
    }

    @RestController
    static class FailingController {

        @GetMapping("/api/failing")
        String failing() {
            throw new IllegalStateException("connection pool exhausted (internal detail)");
        }

        @GetMapping("/api/missing")
        String missing() {
            throw new NotFoundException("No seat pool 42");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ApiErrors(), new SpringProblemDetails(), new UnexpectedErrors())
            .build();

    @Test
    void anUnexpectedFailureIsA500ProblemWithAReferenceAndNoInternalDetail() throws Exception {
        mvc.perform(get("/api/failing"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.reference").value(Matchers.matchesPattern("[0-9a-f]{8}")))
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(
                        "Seatflow failed to answer this request because of an error of its own, logged as ")))
                .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("connection pool"))));
    }

    @Test
    void knownErrorsKeepTheirOwnAnswers() throws Exception {
        mvc.perform(get("/api/missing"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No seat pool 42"));
        mvc.perform(put("/api/missing"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
