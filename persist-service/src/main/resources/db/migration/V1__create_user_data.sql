-- The original scripts' table, exactly, and with their IF NOT EXISTS: on a database they already filled
-- this does nothing and the later versions adopt their table and rows.
CREATE TABLE IF NOT EXISTS user_data (
    id uuid PRIMARY KEY,
    first_name varchar(255),
    last_name varchar(255),
    gender varchar(10),
    address text,
    post_code varchar(20),
    email varchar(255),
    dob date,
    registered_date timestamp,
    phone varchar(20),
    picture varchar(255),
    timestamp timestamp,
    labels varchar(50)
);
