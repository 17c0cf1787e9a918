package org.dozvon.contacts;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The client ids (a CRM's own keys of its contacts) of contacts, for what is told to the CRM about them. */
@Service
public class ContactClientIds {

    private final JdbcClient jdbc;

    ContactClientIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Contact id → client id, in one statement, for the contacts that exist and have one. */
    public Map<Long, String> of(Collection<Long> contactIds) {
        Map<Long, String> clientIds = new HashMap<>();
        if (contactIds.isEmpty()) {
            return clientIds;
        }
        jdbc.sql("select id, client_id from contact where id = any(cast(:ids as bigint[])) and client_id is not null")
                .param("ids", contactIds.stream().distinct().toArray(Long[]::new))
                .query(rs -> {
                    clientIds.put(rs.getLong(1), rs.getString(2));
                });
        return clientIds;
    }
}
