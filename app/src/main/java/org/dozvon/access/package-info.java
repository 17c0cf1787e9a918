/**
 * Access: users, roles built on named permissions, login, password policy and the security of every page and endpoint.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access")
package org.dozvon.access;
