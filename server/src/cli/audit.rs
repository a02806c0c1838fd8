//! `onedoor audit …`: verify the chain, export its head signed, check an export.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use crate::audit;
use crate::config::Config;
use crate::db::Db;

/// Audit commands.
#[derive(Debug, Clone, Subcommand)]
pub enum AuditCommand {
    /// Check every entry; exit status 1 and the first broken entry when the chain is broken.
    Verify,
    /// Print (or write) the chain's head signed with the installation's key, as JSON.
    ExportHead {
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a signed export against the log.
    VerifyExport {
        /// The export's JSON file.
        file: PathBuf,
    },
}

/// Runs an audit command.
pub async fn run(db: &Db, config: &Config, command: AuditCommand) -> anyhow::Result<i32> {
    match command {
        AuditCommand::Verify => {
            let report = audit::verify(db).await?;
            match report.broken {
                None => {
                    println!(
                        "audit chain intact: {} entries, head {}",
                        report.entries, report.head
                    );
                    Ok(0)
                }
                Some(b) => {
                    println!("audit chain BROKEN at entry {}: {}", b.seq, b.problem);
                    Ok(1)
                }
            }
        }
        AuditCommand::ExportHead { out } => {
            let key = audit::load_or_create_key(&config.audit_key_file)?;
            let head = audit::sign_head(db, &key).await?;
            let json = serde_json::to_string_pretty(&head)?;
            match out {
                Some(path) => std::fs::write(&path, json)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => println!("{json}"),
            }
            Ok(0)
        }
        AuditCommand::VerifyExport { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let head: audit::SignedHead = serde_json::from_str(&text)?;
            match audit::verify_export(db, &head).await {
                Ok(()) => {
                    println!("the export matches the log at entry {}", head.seq);
                    Ok(0)
                }
                Err(e) => {
                    println!("the export does NOT match: {e:#}");
                    Ok(1)
                }
            }
        }
    }
}
