package dev.ctagent.testapps.spring;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Small endpoints for error, identity and hostile-input tests. */
@RestController
class MiscController {
    @GetMapping("/boom")
    String boom() {
        throw new IllegalStateException("boom");
    }

    /** Says only whether credentials came; echoing them would make a leak test meaningless. */
    @GetMapping(path = "/whoami", produces = "text/plain")
    String whoAmI(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return authorization == null ? "anonymous" : "authorization header present";
    }

    @RequestMapping(path = "/echo", method = {RequestMethod.GET, RequestMethod.POST}, produces = "text/plain")
    String echo(HttpServletRequest request) {
        return String.valueOf(request.getParameterMap().size());
    }

    /** Reads the body itself: proves the agent leaves the input stream to the app. */
    @PostMapping(path = "/raw-body", produces = "text/plain")
    String rawBody(@RequestBody String body) {
        return String.valueOf(body.length());
    }
}
