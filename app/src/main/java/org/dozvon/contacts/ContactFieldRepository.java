package org.dozvon.contacts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ContactFieldRepository extends ListCrudRepository<ContactField, Long> {

    Optional<ContactField> findByCode(String code);

    @Query("select * from contact_field order by lower(name)")
    List<ContactField> findAllByName();

    @Query("select count(*) > 0 from contact_list_field where field_id = :fieldId")
    boolean isUsed(long fieldId);
}
