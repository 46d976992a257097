package dev.ctagent.testapps.spring;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Typical REST resource; the agent names its events GetOwner and CreateOwner. */
@RestController
class OwnerController {
    @GetMapping("/owners/{ownerId}")
    Map<String, Object> getOwner(@PathVariable long ownerId) {
        return Map.of("id", ownerId, "name", "Owner " + ownerId);
    }

    @PostMapping("/owners")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> createOwner(@RequestBody Map<String, Object> owner) {
        return owner;
    }
}
