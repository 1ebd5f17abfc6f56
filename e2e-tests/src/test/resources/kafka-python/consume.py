"""Reads one topic as the original scripts consumed theirs (kafka-python: earliest, a consumer group,
json.loads on each value) and prints every value as a JSON line. Stops after `expected` records or 30 s
without one; whatever kafka-python raises (an unsupported codec, a value that is not JSON) ends it
with a traceback and a non-zero exit."""
import json
import sys

from kafka import KafkaConsumer

bootstrap_servers, topic, group_id, expected = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap_servers, auto_offset_reset='earliest',
                         group_id=group_id, value_deserializer=json.loads, consumer_timeout_ms=30000)
read = 0
for message in consumer:
    print(json.dumps(message.value), flush=True)
    read += 1
    if read == expected:
        break
consumer.close()
