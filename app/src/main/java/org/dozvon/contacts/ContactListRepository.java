package org.dozvon.contacts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ContactListRepository extends ListCrudRepository<ContactList, Long> {

    @Query("select * from contact_list where lower(name) = lower(:name)")
    Optional<ContactList> findByName(String name);

    @Query("select * from contact_list order by lower(name)")
    List<ContactList> findAllByName();
}
