//! `onedoor user …`: create an account, reset a password, disable or enable an account.

use std::io::BufRead;

use clap::Subcommand;

use crate::accounts::{self, NewUser};
use crate::db::Db;

/// Account commands.
#[derive(Debug, Clone, Subcommand)]
pub enum UserCommand {
    /// Create an account. Staff get a generated password unless `--password-stdin`.
    Create {
        /// Staff sign-in name (leave out for residents).
        #[arg(long)]
        username: Option<String>,
        /// Name shown in the app.
        #[arg(long)]
        display_name: String,
        /// resident, helper, window_clerk, verifier, department_officer, supervisor, admin.
        #[arg(long)]
        role: String,
        /// Place code in the jurisdiction tree.
        #[arg(long)]
        place: String,
        /// Department code (department officers only).
        #[arg(long)]
        department: Option<String>,
        /// Mobile number (residents sign in with it).
        #[arg(long)]
        phone: Option<String>,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password (generated unless `--password-stdin`); ends the account's sessions.
    ResetPassword {
        /// Sign-in name.
        #[arg(long)]
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable an account; its sessions end at once.
    Disable {
        /// Sign-in name or phone.
        #[arg(long)]
        username: String,
    },
    /// Enable a disabled account again.
    Enable {
        /// Sign-in name or phone.
        #[arg(long)]
        username: String,
    },
    /// Remove an account's second factor (its holder lost the phone and the recovery codes);
    /// ends its sessions. A role that requires one must enrol again at the next sign-in.
    ResetTotp {
        /// Sign-in name.
        #[arg(long)]
        username: String,
    },
}

/// Runs an account command.
pub async fn run(db: &Db, command: UserCommand) -> anyhow::Result<i32> {
    match command {
        UserCommand::Create {
            username,
            display_name,
            role,
            place,
            department,
            phone,
            password_stdin,
        } => {
            let password = password_stdin.then(read_password).transpose()?;
            let user = NewUser {
                username,
                display_name,
                role,
                place,
                department,
                phone,
                password,
            };
            let (id, generated) = accounts::create_user(db, &user).await?;
            println!("created account {}", id.0);
            if let Some(pw) = generated {
                println!("initial password (hand it over in person, it is shown once): {pw}");
            }
        }
        UserCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let password = password_stdin.then(read_password).transpose()?;
            if let Some(pw) = accounts::reset_password(db, &username, password).await? {
                println!("new password (shown once): {pw}");
            } else {
                println!("password changed");
            }
        }
        UserCommand::Disable { username } => {
            accounts::set_disabled(db, &username, true).await?;
            println!("account disabled; its sessions have ended");
        }
        UserCommand::Enable { username } => {
            accounts::set_disabled(db, &username, false).await?;
            println!("account enabled");
        }
        UserCommand::ResetTotp { username } => {
            accounts::reset_totp(db, &username).await?;
            println!("second factor removed; the account's sessions have ended");
        }
    }
    Ok(0)
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
