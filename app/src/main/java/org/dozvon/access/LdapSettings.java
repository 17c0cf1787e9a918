package org.dozvon.access;

import java.util.Arrays;
import java.util.List;

/**
 * How Dozvon reaches the directory (Settings → LDAP). {@code bindPassword} is the plain password in memory only;
 * the table keeps it sealed ({@link SecretSealer}), and it is never logged nor shown back on the page.
 *
 * @param urls             one or more {@code ldap://} or {@code ldaps://} addresses, separated by spaces or commas
 * @param baseDn           the root of every search, such as {@code dc=bank,dc=local}
 * @param userSearchFilter {@code {0}} stands for the login: {@code (sAMAccountName={0})} for Active Directory,
 *                         {@code (uid={0})} for OpenLDAP
 * @param groupSearchFilter {@code {0}} stands for the user's DN, {@code {1}} for the login: {@code (member={0})}
 */
record LdapSettings(boolean enabled, String urls, String baseDn, String bindDn, String bindPassword,
                    String userSearchBase, String userSearchFilter, String groupSearchBase, String groupSearchFilter,
                    String nameAttribute, String emailAttribute, String positionAttribute) {

    LdapSettings {
        urls = trim(urls);
        baseDn = trim(baseDn);
        bindDn = trim(bindDn);
        userSearchBase = trim(userSearchBase);
        userSearchFilter = orDefault(userSearchFilter, "(sAMAccountName={0})");
        groupSearchBase = trim(groupSearchBase);
        groupSearchFilter = orDefault(groupSearchFilter, "(member={0})");
        nameAttribute = orDefault(nameAttribute, "displayName");
        emailAttribute = orDefault(emailAttribute, "mail");
        positionAttribute = orDefault(positionAttribute, "title");
    }

    List<String> urlList() {
        return Arrays.stream(urls.split("[\\s,]+")).filter(url -> !url.isEmpty()).toList();
    }

    /** The same settings with another bind password (the page leaves it empty to keep the stored one). */
    LdapSettings withBindPassword(String password) {
        return new LdapSettings(enabled, urls, baseDn, bindDn, password, userSearchBase, userSearchFilter,
                groupSearchBase, groupSearchFilter, nameAttribute, emailAttribute, positionAttribute);
    }

    LdapSettings disabled() {
        return new LdapSettings(false, urls, baseDn, bindDn, bindPassword, userSearchBase, userSearchFilter,
                groupSearchBase, groupSearchFilter, nameAttribute, emailAttribute, positionAttribute);
    }

    @Override
    public String toString() {
        // never the bind password
        return "LdapSettings[enabled=" + enabled + ", urls=" + urls + ", baseDn=" + baseDn + ", bindDn=" + bindDn + "]";
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
