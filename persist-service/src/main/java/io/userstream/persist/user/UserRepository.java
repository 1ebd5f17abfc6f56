package io.userstream.persist.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface UserRepository extends Repository<StoredUser, UUID> {

	Optional<StoredUser> findById(UUID id);

	@Query("""
			select u from StoredUser u
			where (:label is null or u.labels = :label) and (:gender is null or u.gender = :gender)""")
	Page<StoredUser> findAll(@Param("label") String label, @Param("gender") String gender, Pageable pageable);

	long count();

	@Query("select u.labels, count(u) from StoredUser u group by u.labels")
	List<Object[]> countByLabel();

	@Query("select u.gender, count(u) from StoredUser u group by u.gender")
	List<Object[]> countByGender();

	@Query("select max(u.timestamp) from StoredUser u")
	Instant newestTimestamp();

}
