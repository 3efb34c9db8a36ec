//! Work spread over both cores of the machines crosscheck runs on, its results kept in order.

/// Make each item's result on both cores and hand the results to `put` in the items' order
/// (the calling thread puts, and makes items too while there are any left to take).
pub fn in_order_on_both_cores<T: Sync, R: Send>(
    items: &[T],
    make: impl Fn(&T) -> std::io::Result<R> + Sync,
    put: &mut dyn FnMut(R) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    if items.len() < 2 {
        return items.iter().try_for_each(|item| put(make(item)?));
    }
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        // A bounded channel: the helper is never more than a few results ahead (enough that it
        // does not wait while the calling thread puts what it made).
        let (send, receive) = std::sync::mpsc::sync_channel(6);
        let (next, make) = (&next, &make);
        s.spawn(move || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if send.send((i, make(item))).is_err() {
                    break;
                }
            }
        });
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        let mut run = || -> std::io::Result<()> {
            while due < items.len() {
                // The calling thread makes an item when the next one due is not waiting already.
                if !waiting.contains_key(&due) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    match items.get(i) {
                        Some(item) => {
                            waiting.insert(i, make(item));
                        }
                        None => {
                            // All taken: the helper has the rest.
                            let Ok((i, made)) = receive.recv() else { break };
                            waiting.insert(i, made);
                        }
                    }
                }
                while let Ok((i, made)) = receive.try_recv() {
                    waiting.insert(i, made);
                }
                while let Some(made) = waiting.remove(&due) {
                    put(made?)?;
                    due += 1;
                }
            }
            Ok(())
        };
        let result = run();
        // On an error, the helper takes no more items, and its next send fails instead of
        // waiting for a reader that is gone.
        next.store(items.len(), Ordering::Relaxed);
        drop(receive);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::in_order_on_both_cores;

    /// Run `f` on another thread; `None` if it has not finished within ten seconds (a hang).
    fn within_seconds<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> Option<R> {
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(f()));
        receive
            .recv_timeout(std::time::Duration::from_secs(10))
            .ok()
    }

    #[test]
    fn results_are_put_in_order_and_a_failure_stops_the_helper() {
        let items: Vec<usize> = (0..500).collect();
        let all = within_seconds(move || {
            let mut seen = Vec::new();
            in_order_on_both_cores(&items, |&i| Ok(i * 2), &mut |r| {
                seen.push(r);
                Ok(())
            })
            .map(|()| seen)
        });
        assert_eq!(
            all.unwrap().unwrap(),
            (0..500).map(|i| i * 2).collect::<Vec<_>>()
        );
        // A writer that fails (a closed pipe, a full disk) ends it at once, never a hang.
        for fail_at in [0, 1, 3, 250, 499] {
            let items: Vec<usize> = (0..500).collect();
            let failed = within_seconds(move || {
                in_order_on_both_cores(&items, |&i| Ok(i), &mut |r| {
                    if r == fail_at {
                        Err(std::io::Error::other("closed"))
                    } else {
                        Ok(())
                    }
                })
            });
            assert!(matches!(failed, Some(Err(_))), "failing at {fail_at}");
        }
        // So does an item that cannot be made.
        let items: Vec<usize> = (0..500).collect();
        let failed = within_seconds(move || {
            in_order_on_both_cores(
                &items,
                |&i| {
                    if i == 7 {
                        Err(std::io::Error::other("bad"))
                    } else {
                        Ok(i)
                    }
                },
                &mut |_| Ok(()),
            )
        });
        assert!(matches!(failed, Some(Err(_))));
    }
}
