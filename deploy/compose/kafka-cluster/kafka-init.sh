#!/usr/bin/env bash
# What the services of docker-compose.cluster.yml need on the cluster, and nothing more, created as
# the brokers' admin user: one SCRAM user per service, the topics (services may not create them), and
# ACLs that let each service read only its input, write only its output and its dead letters, and use
# only its own consumer group and transactional ids. Safe to run again: it creates what is missing and
# sets the passwords again. KafkaAclIT runs this very script against broker processes.
#
# Environment: KAFKA_BOOTSTRAP_SERVERS, KAFKA_ADMIN_PASSWORD, KAFKA_<INGEST|TIMESTAMP|LABEL|PERSIST>_PASSWORD
# (no comma, '=' or ']' in a password), USERSTREAM_TOPICS_PARTITIONS / _REPLICAS / _MIN_INSYNC_REPLICAS,
# and KAFKA_BIN (Kafka's bin folder, /opt/kafka/bin in the apache/kafka image).
set -euo pipefail

bin=${KAFKA_BIN:-/opt/kafka/bin}
bootstrap=${KAFKA_BOOTSTRAP_SERVERS:?}
partitions=${USERSTREAM_TOPICS_PARTITIONS:?}
replicas=${USERSTREAM_TOPICS_REPLICAS:?}
min_insync=${USERSTREAM_TOPICS_MIN_INSYNC_REPLICAS:?}
# users_info, timestamp_topic and label_topic keep records 7 days, dead letters until deleted
# (kafka-support's TopicsProperties; the services report a topic that differs).
retention_ms=604800000

admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD:?}";
CONFIG

user() {
	"$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
		--entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}

topic() {
	local name=$1
	shift
	"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists \
		--topic "$name" --replication-factor "$replicas" --config "min.insync.replicas=$min_insync" "$@"
}

# One command adds every operation given on every resource given, for every principal given: each
# command is a JVM, so the grants are grouped by shape (and Kafka refuses, say, Write on a group).
allow() {
	local principals=()
	while [[ $1 == User:* ]]; do
		principals+=(--allow-principal "$1")
		shift
	done
	"$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add "${principals[@]}" "$@" > /dev/null
}

users_and_topics() {
	user ingest-service "${KAFKA_INGEST_PASSWORD:?}"
	user timestamp-service "${KAFKA_TIMESTAMP_PASSWORD:?}"
	user label-service "${KAFKA_LABEL_PASSWORD:?}"
	user persist-service "${KAFKA_PERSIST_PASSWORD:?}"
	for source in users_info timestamp_topic label_topic; do
		topic "$source" --partitions "$partitions" --config "retention.ms=$retention_ms"
		topic "$source-dlt" --partitions "$partitions" --config retention.ms=-1
		topic "$source-dlt-replays" --partitions 1 --config cleanup.policy=compact --config retention.ms=-1
	done
	topic ingest-schedule --partitions 1
}

# A consuming service reads its input in its group (a stream stage: its Kafka Streams application id,
# the service name), writes its dead letters, and replays them: reads the dead letters and the replay
# notes, writes the input again and the notes, in a transaction of its own. A stream stage also writes
# its output, in transactions whose ids start with its name.
stage() {
	local service=$1 input=$2 output=$3
	allow "User:$service" --operation Read --topic "$input" --topic "$input-dlt" --topic "$input-dlt-replays" \
		--group "$service"
	allow "User:$service" --operation Write --topic "$input" --topic "$input-dlt" --topic "$input-dlt-replays" \
		--topic "$output"
	allow "User:$service" --operation Write --operation Describe --transactional-id "$input-dlt-replay"
	allow "User:$service" --operation Write --operation Describe --transactional-id "$service" \
		--resource-pattern-type prefixed
}

acls() {
	local every_topic=()
	for source in users_info timestamp_topic label_topic; do
		every_topic+=(--topic "$source" --topic "$source-dlt" --topic "$source-dlt-replays")
	done
	# Every service checks at start-up that the topics are as it would declare them.
	allow User:ingest-service User:timestamp-service User:label-service User:persist-service \
		--operation Describe --operation DescribeConfigs "${every_topic[@]}" --topic ingest-schedule

	# ingest-service writes users; its instances elect the schedule's owner in a group of their own.
	allow User:ingest-service --operation Write --topic users_info
	allow User:ingest-service --operation Read --topic ingest-schedule --group ingest-schedule

	stage timestamp-service users_info timestamp_topic
	stage label-service timestamp_topic label_topic

	# persist-service stores label_topic in the group persist-sink and replays its dead letters as a
	# stage does; its pipeline page counts every stage's dead letters and reads the stages' lag.
	allow User:persist-service --operation Read --topic label_topic --topic label_topic-dlt \
		--topic label_topic-dlt-replays --topic users_info-dlt --topic timestamp_topic-dlt --group persist-sink
	allow User:persist-service --operation Write --topic label_topic --topic label_topic-dlt \
		--topic label_topic-dlt-replays
	allow User:persist-service --operation Write --operation Describe --transactional-id label_topic-dlt-replay
	allow User:persist-service --operation Describe --group timestamp-service --group label-service
}

# Two lanes at once, each a JVM after the other: ACLs need neither the users nor the topics to exist.
users_and_topics &
lane=$!
acls
wait "$lane"

echo "kafka-init: users, topics and ACLs in place"
