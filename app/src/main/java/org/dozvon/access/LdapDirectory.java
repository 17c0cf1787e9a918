package org.dozvon.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.naming.directory.SearchControls;

import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.SpringSecurityLdapTemplate;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.stereotype.Component;

/**
 * The directory as Dozvon uses it, through spring-security-ldap: bind authentication (the service account searches
 * the user's DN with the user search filter, then Dozvon binds as that DN with the typed password), the user's
 * groups by the group search filter, and a search by login or name for "add user from domain". Each call takes the
 * settings it is given, so a change on the settings page counts at the next call; the connection set-up is kept
 * while the settings stay the same.
 */
@Component
class LdapDirectory {

    private static final Pattern LOGIN_ATTRIBUTE = Pattern.compile("\\(\\s*([A-Za-z0-9;-]+)\\s*=\\s*\\{0}\\s*\\)");
    private static final int SEARCH_LIMIT = 20;

    private volatile Connection connection;

    /**
     * The account {@code login} with {@code password}, its attributes and groups.
     *
     * @throws BadCredentialsException                 no such user, or a wrong password
     * @throws org.springframework.ldap.NamingException the directory cannot be reached or refused the service account
     */
    DirectoryAccount authenticate(LdapSettings settings, String login, String password) {
        Connection current = connection(settings);
        FilterBasedLdapUserSearch search = new FilterBasedLdapUserSearch(settings.userSearchBase(),
                settings.userSearchFilter(), current.source());
        BindAuthenticator authenticator = new BindAuthenticator(current.source());
        authenticator.setUserSearch(search);
        authenticator.setUserAttributes(new String[] {loginAttribute(settings), settings.nameAttribute(),
                settings.emailAttribute(), settings.positionAttribute(), "cn"});
        DirContextOperations user = authenticator.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login, password));
        return account(settings, user, login, groups(settings, current, user.getNameInNamespace(), login));
    }

    /** Accounts whose login or name contains {@code text}, at most 20, without their groups. */
    List<DirectoryAccount> search(LdapSettings settings, String text) {
        Connection current = connection(settings);
        String escaped = LdapEncoder.filterEncode(text.strip());
        String filter = "(|" + settings.userSearchFilter().replace("{0}", "*" + escaped + "*")
                + "(" + settings.nameAttribute() + "=*" + escaped + "*))";
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setCountLimit(SEARCH_LIMIT);
        controls.setReturningObjFlag(true);
        List<DirectoryAccount> found = new ArrayList<>();
        current.template().search(settings.userSearchBase(), filter, controls, (Object context) -> {
            DirContextAdapter entry = (DirContextAdapter) context;
            String login = entry.getStringAttribute(loginAttribute(settings));
            if (login != null) {
                found.add(account(settings, entry, login, Set.of()));
            }
            return null;
        });
        found.sort(java.util.Comparator.comparing(DirectoryAccount::login, String.CASE_INSENSITIVE_ORDER));
        return found;
    }

    /** One account by its exact login, without its groups. */
    java.util.Optional<DirectoryAccount> find(LdapSettings settings, String login) {
        Connection current = connection(settings);
        FilterBasedLdapUserSearch search = new FilterBasedLdapUserSearch(settings.userSearchBase(),
                settings.userSearchFilter(), current.source());
        try {
            DirContextOperations user = search.searchForUser(login);
            return java.util.Optional.of(account(settings, user, user.getStringAttribute(loginAttribute(settings)) == null
                    ? login : user.getStringAttribute(loginAttribute(settings)), Set.of()));
        } catch (org.springframework.security.core.userdetails.UsernameNotFoundException none) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Binds with the service account and reads the base entry.
     *
     * @throws org.springframework.ldap.NamingException when that fails
     */
    void check(LdapSettings settings) {
        new Connection(settings).template().lookup("");
    }

    private Set<String> groups(LdapSettings settings, Connection current, String userDn, String login) {
        Set<Map<String, List<String>>> entries = current.template().searchForMultipleAttributeValues(
                settings.groupSearchBase(), settings.groupSearchFilter(), new String[] {userDn, login},
                new String[] {"cn"});
        Set<String> groups = new LinkedHashSet<>();
        for (Map<String, List<String>> entry : entries) {
            List<String> dn = entry.get(SpringSecurityLdapTemplate.DN_KEY);
            if (dn != null && !dn.isEmpty()) {
                groups.add(dn.get(0));
            }
            List<String> cn = entry.get("cn");
            if (cn != null && !cn.isEmpty()) {
                groups.add(cn.get(0));
            }
        }
        return groups;
    }

    private static DirectoryAccount account(LdapSettings settings, DirContextOperations entry, String login,
                                            Set<String> groups) {
        String name = entry.getStringAttribute(settings.nameAttribute());
        if (name == null || name.isBlank()) {
            name = entry.getStringAttribute("cn");
        }
        return new DirectoryAccount(login, entry.getNameInNamespace(), name == null || name.isBlank() ? login : name,
                entry.getStringAttribute(settings.emailAttribute()),
                entry.getStringAttribute(settings.positionAttribute()), groups);
    }

    /** The attribute the user search filter compares with the login: sAMAccountName, uid, … */
    static String loginAttribute(LdapSettings settings) {
        Matcher matcher = LOGIN_ATTRIBUTE.matcher(settings.userSearchFilter());
        return matcher.find() ? matcher.group(1) : "uid";
    }

    private Connection connection(LdapSettings settings) {
        Connection current = connection;
        if (current == null || !current.settings().equals(settings)) {
            current = new Connection(settings);
            connection = current;
        }
        return current;
    }

    /**
     * An account in the directory.
     *
     * @param groups the DNs and CNs of its groups (empty when not read)
     */
    record DirectoryAccount(String login, String dn, String displayName, String email, String position,
                            Set<String> groups) {
    }

    private record Connection(LdapSettings settings, DefaultSpringSecurityContextSource source,
                              SpringSecurityLdapTemplate template) {

        Connection(LdapSettings settings) {
            this(settings, source(settings));
        }

        private Connection(LdapSettings settings, DefaultSpringSecurityContextSource source) {
            this(settings, source, new SpringSecurityLdapTemplate(source));
        }

        private static DefaultSpringSecurityContextSource source(LdapSettings settings) {
            DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(settings.urlList(),
                    settings.baseDn());
            if (!settings.bindDn().isEmpty()) {
                source.setUserDn(settings.bindDn());
                source.setPassword(settings.bindPassword() == null ? "" : settings.bindPassword());
            }
            // a directory that does not answer must not hold a login for minutes
            source.setBaseEnvironmentProperties(Map.of(
                    "com.sun.jndi.ldap.connect.timeout", "5000",
                    "com.sun.jndi.ldap.read.timeout", "10000"));
            // Active Directory answers referrals that JNDI cannot follow with the service account
            source.setReferral("ignore");
            source.afterPropertiesSet();
            return source;
        }
    }
}
