package org.dozvon.access;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;

/** An in-process directory (UnboundID) loaded with an Active Directory-like tree: ou=Users, ou=Groups. */
final class LdapDirectoryServer implements AutoCloseable {

    static final String BASE_DN = "dc=bank,dc=local";
    static final String BIND_DN = "cn=svc-dozvon,ou=Service,dc=bank,dc=local";
    static final String BIND_PASSWORD = "Service-Bind-1";

    private final InMemoryDirectoryServer server;

    LdapDirectoryServer() throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        // sAMAccountName is Active Directory's, not in the standard schema
        config.setSchema(null);
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, LdapDirectoryServer.class.getResource("/ldap/bank-directory.ldif").getPath());
        server.startListening();
    }

    String url() {
        return "ldap://localhost:" + server.getListenPort();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
