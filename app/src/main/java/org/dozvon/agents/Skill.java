package org.dozvon.agents;

/** An operator skill ("Умение", manual 18.1): campaigns ask for one, operators have it at a level 1–100. */
public record Skill(long id, String name, String description) {
}
