#!/usr/bin/env bash
# One broker (and controller) of docker-compose.cluster.yml: its own lines, then the cluster's
# security (security.properties), then the storage formatted once, with the brokers' SCRAM user, and
# Kafka started. The image's own start script is bypassed: it cannot add a SCRAM user at format time.
set -euo pipefail

config=/tmp/server.properties
{
	echo "node.id=${KAFKA_NODE_ID:?}"
	echo "process.roles=broker,controller"
	echo "controller.quorum.voters=1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093"
	echo "controller.listener.names=CONTROLLER"
	echo "inter.broker.listener.name=CLIENT"
	# CLIENT inside the compose network, HOST for clients on the host (its own published port).
	echo "listeners=CLIENT://:29092,HOST://:9092,CONTROLLER://:9093"
	echo "advertised.listeners=CLIENT://$(hostname):29092,HOST://localhost:${KAFKA_ADVERTISED_HOST_PORT:?}"
	echo "listener.name.host.sasl.enabled.mechanisms=SCRAM-SHA-512"
	echo "listener.name.host.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;"
	echo "log.dirs=/var/lib/kafka/data"
	sed -e "s|\${KAFKA_ADMIN_PASSWORD}|${KAFKA_ADMIN_PASSWORD:?}|g" \
		-e "s|^listener.security.protocol.map=.*|&,HOST:SASL_PLAINTEXT|" /etc/userstream/kafka/security.properties
} > "$config"

# For the healthcheck: the admin's client settings.
cat > /tmp/admin.properties <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
CONFIG

/opt/kafka/bin/kafka-storage.sh format --cluster-id "${KAFKA_CLUSTER_ID:?}" --config "$config" --ignore-formatted \
	--add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
