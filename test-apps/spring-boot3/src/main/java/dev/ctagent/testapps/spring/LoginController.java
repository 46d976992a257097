package dev.ctagent.testapps.spring;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A form post carrying a password, so tests can prove the agent redacts it. */
@RestController
class LoginController {
    @PostMapping(path = "/login", produces = "text/plain")
    String login(@RequestParam String username, @RequestParam String password) {
        return "welcome " + username;
    }
}
