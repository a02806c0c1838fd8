//! `onedoor import …`: the jurisdiction tree and the staff roster from CSV files.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use crate::accounts;
use crate::db::Db;

/// Import commands.
#[derive(Debug, Clone, Subcommand)]
pub enum ImportCommand {
    /// Places: `code,parent_code,level,name_zh,name_en,population` (parents first).
    Places {
        /// The CSV file.
        file: PathBuf,
    },
    /// Staff: `username,display_name,role,place_code,department_code,phone`, optionally
    /// `id_number,category` (身份证号码, 人员类别), each row checked as the admin's form checks it.
    Staff {
        /// The CSV file.
        file: PathBuf,
        /// Where to write the generated passwords (created with owner-only access).
        #[arg(long)]
        passwords_out: PathBuf,
    },
}

/// Runs an import; nothing is written when any line is wrong.
pub async fn run(db: &Db, command: ImportCommand) -> anyhow::Result<i32> {
    match command {
        ImportCommand::Places { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let n = accounts::import_places(db, &text).await?;
            println!("imported {n} places");
        }
        ImportCommand::Staff {
            file,
            passwords_out,
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let accounts = accounts::import_staff(db, &text).await?;
            let mut out = String::from("username,password\n");
            for (u, p) in &accounts {
                out.push_str(&format!("{u},{p}\n"));
            }
            write_private(&passwords_out, &out)?;
            println!(
                "imported {} accounts; passwords are in {}",
                accounts.len(),
                passwords_out.display()
            );
        }
    }
    Ok(0)
}

fn write_private(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut f = options
        .open(path)
        .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?;
    f.write_all(text.as_bytes())?;
    Ok(())
}
