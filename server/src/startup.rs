//! Building and running the server. The listener is bound first, so tests can start the real
//! server on port 0 and learn the port.

use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

use crate::config::Config;
use crate::db::Db;
use crate::reference::Reference;
use crate::routes;
use crate::security;
use crate::state::AppState;
use std::sync::Arc;

/// A built server, bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    router: Router,
    /// How often queued case messages are sent.
    notify_every: std::time::Duration,
    /// The automatic signing of the audit chain's head.
    audit_sign: crate::audit::auto_sign::AutoSign,
    /// The state, so tests can reach the database.
    pub state: AppState,
}

impl Application {
    /// Connects the database, runs migrations, loads demo data when asked, binds the port.
    /// In production mode, first refuses settings unfit for real data
    /// ([`security::production`]).
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        security::production::check(&config)?;
        let db = Db::connect_and_migrate(&config.database_url).await?;
        let reference = Arc::new(Reference::load(&db).await?);
        crate::demo::ensure_departments(&db, &reference.catalogue()).await?;
        crate::authorization::ensure_text(&db).await?;
        let authorization = Arc::new(
            crate::authorization::AuthorizationKeys::load(&db, &config.authorization_key_file)
                .await?,
        );
        if config.demo_data {
            if crate::demo::load_if_empty(&db, &authorization).await? {
                tracing::info!("demo data loaded");
            }
            crate::demo::print_accounts();
        }
        let projected = crate::projection::backfill(
            &db,
            crate::projection::Reference {
                catalogue: &reference.catalogue(),
                calendar: &reference.calendar(),
            },
        )
        .await
        .context("building the case projection")?;
        if projected > 0 {
            tracing::info!(cases = projected, "case projection built");
        }
        let auth = config.auth_settings()?;
        if config.demo_data {
            crate::demo::totp::enrol(&db, &auth.totp_key).await?;
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .with_context(|| format!("binding {}", config.listen))?;
        let addr = listener.local_addr()?;
        let state = AppState {
            db,
            leptos_options: leptos_options(&config, addr),
            auth,
            reference,
            attachments: crate::attachments::AttachmentFiles::new(&config.attachment_dir),
            authorization,
            identity_methods: config.authorization_identity_methods.clone().into(),
            housekeeping: config.housekeeping(),
        };

        let router = router(state.clone());
        Ok(Application {
            listener,
            router,
            notify_every: std::time::Duration::from_secs(config.notify_interval_seconds),
            audit_sign: config.audit_auto_sign(),
            state,
        })
    }

    /// The address actually bound (the real port when the configuration said 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let url = format!("http://{}", self.local_addr());
        tracing::info!(%url, "onedoor is serving");
        crate::housekeeping::spawn(self.state.clone());
        crate::audit::auto_sign::spawn(self.state.db.clone(), self.audit_sign.clone())?;
        println!("onedoor is serving at {url}");
        crate::notify::spawn_sender(
            self.state.db.clone(),
            self.state.auth.sms.clone(),
            self.notify_every,
        );
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(self.listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving")
    }
}

fn leptos_options(config: &Config, addr: SocketAddr) -> LeptosOptions {
    // cargo-leptos writes the bundle's content hashes beside the server binary; a binary built
    // without it (tests, `cargo run`) serves unhashed names instead of failing every page.
    let hashed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").is_file()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("onedoor")
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hashed)
        .env(leptos::config::Env::PROD)
        .build()
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(routes::health::get))
        .nest("/api", routes::api())
        .merge(crate::pages::routes())
        .nest_service(
            "/pkg",
            routes::static_files::pkg_service(std::path::Path::new(&*options.site_root)),
        )
        .leptos_routes_with_context(&state, routes, security::provide_request_nonce, move || {
            app::shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(security::provide_request_nonce, app::shell))
        .layer(axum::middleware::from_fn(
            routes::static_files::cache_headers,
        ))
        .layer(CatchPanicLayer::custom(security::internal_error_on_panic))
        .layer(axum::middleware::from_fn(security::refuse_cross_site))
        .layer(axum::middleware::from_fn(security::security_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
