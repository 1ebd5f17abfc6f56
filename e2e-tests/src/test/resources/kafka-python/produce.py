"""Writes users as the original scripts produced theirs (kafka-python, no key, json.dumps values):
randomuser.me's numeric post_code, and on the timestamp topic the original timestamp script's
str(datetime.utcnow()). Every other user goes to each topic; each one sent is printed as a JSON line."""
import datetime
import json
import sys
import uuid

from kafka import KafkaProducer

bootstrap_servers, users_topic, timestamp_topic, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
producer = KafkaProducer(bootstrap_servers=bootstrap_servers, value_serializer=lambda v: json.dumps(v).encode('utf-8'))
for n in range(count):
    user = {
        'id': str(uuid.uuid4()),
        'first_name': 'Original',
        'last_name': 'Script %d' % n,
        'gender': 'female',
        'address': '%d Pine Rd, Aylmer, Yukon, Canada' % n,
        'post_code': 10000 + n,
        'email': 'original.script%d@example.com' % n,
        'username': 'original%d' % n,
        'dob': '1952-10-10T07:36:45.668Z',
        'registered_date': '2019-01-29T23:55:04.691Z',
        'phone': '(272) 790-0888',
        'picture': 'https://randomuser.me/api/portraits/med/women/%d.jpg' % (n % 100),
    }
    if n % 2:
        user['timestamp'] = str(datetime.datetime.utcnow())
        producer.send(timestamp_topic, user)
    else:
        producer.send(users_topic, user)
    print(json.dumps(user), flush=True)
producer.flush()
producer.close()
