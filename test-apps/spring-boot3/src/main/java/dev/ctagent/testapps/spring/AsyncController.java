package dev.ctagent.testapps.spring;

import java.util.concurrent.Callable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Servlet async processing: the response completes on another thread after the handler returned. */
@RestController
class AsyncController {
    @GetMapping(path = "/async", produces = "text/plain")
    Callable<String> asyncHello() {
        return () -> {
            Thread.sleep(100);
            return "async done";
        };
    }
}
