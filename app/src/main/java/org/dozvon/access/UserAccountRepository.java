package org.dozvon.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface UserAccountRepository extends ListCrudRepository<UserAccount, Long> {

    @Query("select * from access_user where lower(username) = lower(:username)")
    Optional<UserAccount> findByUsername(String username);

    @Query("""
            select distinct rp.permission from access_role_permission rp
            join access_user_role ur on ur.role_code = rp.role_code
            where ur.user_id = :userId""")
    Set<String> findPermissionNames(long userId);
}
