package dev.ctagent.testapps.spring;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Prints the one line the tests wait for, with the port actually bound (the tests may ask for port 0). */
@Component
class ReadyAnnouncer {
    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        System.out.println("READY port=" + port);
        System.out.flush();
    }
}
