package org.doorstep.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local platform's demo partner job board: registered once through the operator API, its key
 * kept under the platform home; on later starts the kept key is checked and reused.
 */
final class DemoPartner {

    private final PlatformSettings settings;
    private final PlatformState state;
    private final ApiClient api = new ApiClient();

    DemoPartner(PlatformSettings settings, PlatformState state) {
        this.settings = settings;
        this.state = state;
    }

    Map<String, String> ensure(Map<String, String> secrets) {
        Optional<Map<String, String>> kept = state.demoPartner();
        if (kept.isPresent() && stillValid(kept.get().get("DOORSTEP_PARTNER_KEY"))) {
            return kept.get();
        }
        ApiClient.Reply reply = api.send("POST", settings.url(settings.postingsPort()) + "/api/v1/partners",
                secrets.get("DOORSTEP_OPERATOR_TOKEN"),
                "{\"name\":\"Doorstep Demo Job Board\",\"contactEmail\":\"demo@doorstep.example\"}");
        if (!reply.ok()) {
            throw new PlatformException("Registering the demo partner failed: HTTP " + reply.status() + " " + reply.body());
        }
        Map<String, String> partner = new LinkedHashMap<>();
        partner.put("DOORSTEP_PARTNER_ID", reply.json().path("partnerId").asString());
        partner.put("DOORSTEP_PARTNER_KEY", reply.json().path("apiKey").asString());
        state.saveDemoPartner(partner);
        return partner;
    }

    private boolean stillValid(String key) {
        return key != null && api.send("GET", settings.url(settings.postingsPort()) + "/api/v1/postings", key, null).ok();
    }
}
