//! The terminal loop: set up, turn events into actions, look for others' decisions every quarter
//! second, draw after each change, and always restore the terminal — on quit, on error, on
//! panic, on SIGTERM and SIGHUP.

use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::EnterAlternateScreen;

use crate::ui::action::Action;
use crate::ui::app::{App, Mode};
use crate::ui::backend::ScreenBackend;
use crate::ui::{draw, keymap, mouse};

/// Run the screen until the reviewer quits or a signal asks us to stop.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop))?;
    // A panic restores the terminal before it is reported.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
        previous(info);
    }));
    let result =
        start_terminal().and_then(|mut terminal| event_loop(&mut terminal, &mut app, &stop));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// On SIGTERM or SIGHUP, ask the loop to stop; if it cannot (crossterm spins on a vanished
/// terminal: crossterm-rs/crossterm#793), restore what can be restored and exit. Every decision
/// is already on disk, so nothing is lost by exiting here.
fn watch_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop.store(true, Ordering::Relaxed);
            std::thread::sleep(Duration::from_millis(500));
            let _ = execute!(stdout(), DisableMouseCapture);
            ratatui::restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Raw mode, the alternate screen and mouse capture, as `ratatui::init` would, on our backend.
fn start_terminal() -> anyhow::Result<Screen> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Ok(Terminal::new(ScreenBackend::new())?)
}

type Screen = Terminal<ScreenBackend>;

/// How often the store is looked at for what others saved (the spec asks for within a second),
/// whether keys keep coming or not.
const LOOK_EVERY: Duration = Duration::from_millis(250);

fn event_loop(terminal: &mut Screen, app: &mut App, stop: &AtomicBool) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    let mut dirty = true;
    let mut looked = Instant::now();
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| draw::draw(frame, app))?;
            dirty = false;
        }
        // Wait for an event until the next look (and so notice a signal now and then).
        if event::poll(LOOK_EVERY.saturating_sub(looked.elapsed()))?
            && let Some(action) = to_action(event::read()?, app)
        {
            app.update(action);
            dirty = true;
        }
        if app.export_request.is_some() {
            // The screen says what is being written before the wait, and keys pressed during it
            // are dropped: they were meant for a screen that did not answer.
            terminal.draw(|frame| draw::draw(frame, app))?;
            app.write_requested_export();
            drop_keys_pressed(app)?;
            dirty = true;
        }
        if let Some((path, line)) = app.editor_request.take() {
            let outcome = edit_outside(terminal, &path, line)?;
            app.edited(outcome);
            dirty = true;
        }
        // Time since the last look, not idle time: a held key does not hold others' news back.
        if looked.elapsed() >= LOOK_EVERY {
            looked = Instant::now();
            let before = app.outside_changes;
            app.update(Action::Tick);
            dirty |= app.outside_changes != before;
        }
    }
    Ok(())
}

/// Read the events waiting: keys are dropped, a resize is kept.
fn drop_keys_pressed(app: &mut App) -> anyhow::Result<()> {
    // Not a zero timeout: crossterm's /dev/tty source does not look at the terminal at all
    // for one.
    while event::poll(Duration::from_millis(1))? {
        if let Event::Resize(width, height) = event::read()? {
            app.update(Action::Resize(width, height));
        }
    }
    Ok(())
}

/// Hand the terminal to `$VISUAL` (else `$EDITOR`, else `vi`) on `path` at `line`, and take it
/// back when the editor exits. The editor's own failure is the outcome's error.
fn edit_outside(
    terminal: &mut Screen,
    path: &std::path::Path,
    line: u32,
) -> anyhow::Result<Result<(), String>> {
    use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    execute!(stdout(), DisableMouseCapture, LeaveAlternateScreen)?;
    disable_raw_mode()?;
    // `$EDITOR` may carry arguments (`code --wait`): split on white space, as shells do for it.
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()?;
    Ok(match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("`{editor}` exited with {s}")),
        Err(e) => Err(format!("`{editor}`: {e}")),
    })
}

/// What an event means: keys by the current mode's table, the mouse by the layout drawn.
pub fn to_action(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::action_for(keymap::for_mode(&app.mode), key)
        }
        Event::Mouse(m) if matches!(app.mode, Mode::Normal) => mouse::to_action(m, app),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}
