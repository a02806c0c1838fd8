//! Integration tests: the real server on port 0 with a real, throwaway SQLite database.

mod health;
mod helpers;
