package org.dozvon.access;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The roles users can have, for modules that decide something per role (e.g. which contact fields a role sees). */
@Service
public class Roles {

    private final JdbcClient jdbc;

    Roles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every role: the preset ones first, then by code. */
    public List<Role> all() {
        return jdbc.sql("select code, name from access_role order by preset desc, code")
                .query((rs, n) -> new Role(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * @param code the role's code, as in {@link DozvonUser#roles()} ("OPERATOR")
     * @param name its name for people
     */
    public record Role(String code, String name) {
    }
}
