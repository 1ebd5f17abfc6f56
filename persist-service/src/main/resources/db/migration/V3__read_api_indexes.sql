-- The read API pages newest first, optionally filtered by label or gender.
CREATE INDEX user_data_timestamp_idx ON user_data (timestamp DESC NULLS LAST, id);
CREATE INDEX user_data_labels_timestamp_idx ON user_data (labels, timestamp DESC NULLS LAST, id);
CREATE INDEX user_data_gender_timestamp_idx ON user_data (gender, timestamp DESC NULLS LAST, id);
