package io.userstream.persist.user;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jpa.EntityManagerFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The read API's own small pool, so reads never take the connections the sink writes with: the same
 * database and credentials ({@code spring.datasource.*}) and the same driver settings as the sink's
 * pool, sized and time-limited by {@code userstream.read-api.datasource.*} (Hikari's properties). It is
 * not a default candidate, so Boot's own DataSource (the sink's, Flyway's, the health check's) stays.
 */
@Configuration(proxyBeanMethods = false)
class ReadApiDataSourceConfiguration {

	@Bean(defaultCandidate = false)
	@Qualifier("readApi")
	@ConfigurationProperties("userstream.read-api.datasource")
	HikariDataSource readApiDataSource(DataSourceProperties connection, HikariDataSource sinkPool) {
		HikariDataSource readApi = connection.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		readApi.setDataSourceProperties(sinkPool.getDataSourceProperties());
		readApi.setPoolName("read-api");
		return readApi;
	}

	@Bean
	LocalContainerEntityManagerFactoryBean entityManagerFactory(EntityManagerFactoryBuilder builder,
			@Qualifier("readApi") DataSource readApi) {
		return builder.dataSource(readApi).packages(StoredUser.class).build();
	}

}
