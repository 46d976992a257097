package dev.ctagent.testapps.spring;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Forwards through the RequestDispatcher: one HTTP call, two dispatches — the agent must record one event. */
@Controller
class ForwardingController {
    @GetMapping("/forwarding")
    String forwarding() {
        return "forward:/owners/7";
    }
}
