//! The committee's dashboard (`/committee/dashboard`): the program's figures over the
//! requests made in a date range (the range is in the URL, so a view can be shared), with
//! charts drawn on the server as SVG (each with a title, a description and its numbers as
//! a table) and no charting script.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::committee::{committee_dashboard, Dashboard, DashboardPage, RangeForm};
use crate::components::loaded::Loaded;
use crate::components::notice::Notice;
use crate::domain::feedback::Rating;
use crate::domain::long_date;
use crate::domain::stats::{DemandSupply, TTM_CAP_DAYS};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let range = Memo::new(move |_| {
        query.with(|q| RangeForm {
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    });
    let page = Resource::new(move || range.get(), committee_dashboard);
    view! {
        <Title text="Dashboard" />
        <div class="wrap dashboard">
            <h1>"Dashboard"</h1>
            <Loaded resource=page loading="Counting…" transition=true
                view=|page| view! { <DashboardView page /> } />
        </div>
    }
}

#[component]
fn DashboardView(page: DashboardPage) -> impl IntoView {
    let (from, to) = match &page.dashboard {
        Some(d) => (d.from.to_string(), d.to.to_string()),
        None => (page.form.from.clone(), page.form.to.clone()),
    };
    let csv_note = "Counted by the day each request was made: the figures are about the requests made in the range, as they stand today.";
    view! {
        <Form method="GET" action="/committee/dashboard" attr:class="filters inline-filters range-form">
            <div class="field">
                <label for="d-from">"From"</label>
                <input id="d-from" type="date" name="from" value=from />
            </div>
            <div class="field">
                <label for="d-to">"To"</label>
                <input id="d-to" type="date" name="to" value=to />
            </div>
            <button type="submit">"Show"</button>
        </Form>
        {page.error.map(|e| view! { <Notice>{e}</Notice> })}
        {page.dashboard.map(|d| {
            let query = format!("from={}&to={}", d.from, d.to);
            let link = move |kind: &str| format!("/committee/export/{kind}.csv?{query}");
            view! {
                <p class="lead">{format!("Requests made from {} to {}. ", long_date(d.from), long_date(d.to))}{csv_note}</p>
                <p class="downloads">
                    "Download the range for a spreadsheet (CSV): "
                    <a href=link("requests") download="" rel="external">"requests"</a>", "
                    <a href=link("matches") download="" rel="external">"matches"</a>", "
                    <a href=link("feedback") download="" rel="external">"feedback"</a>"."
                </p>
                <Figures d />
            }
        })}
    }
}

fn rate(r: Option<u32>) -> String {
    r.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))
}

fn days(d: Option<u32>) -> String {
    match d {
        None => "—".to_owned(),
        Some(1) => "1 day".to_owned(),
        Some(n) if n as usize >= TTM_CAP_DAYS => format!("{n}+ days"),
        Some(n) => format!("{n} days"),
    }
}

/// One headline figure.
#[component]
fn Tile(label: &'static str, value: String, #[prop(optional, into)] note: String) -> impl IntoView {
    view! {
        <div class="tile">
            <dt>{label}</dt>
            <dd><strong>{value}</strong>{(!note.is_empty()).then(|| view! { <span class="hint">{note}</span> })}</dd>
        </div>
    }
}

#[component]
fn Figures(d: Dashboard) -> impl IntoView {
    let months: Vec<Bar> = d
        .per_month
        .iter()
        .map(|(m, n)| Bar {
            label: m.clone(),
            value: *n,
        })
        .collect();
    let ttm: Vec<Bar> = d
        .ttm_histogram
        .iter()
        .enumerate()
        .map(|(i, n)| Bar {
            label: if i == TTM_CAP_DAYS {
                format!("{i}+")
            } else {
                i.to_string()
            },
            value: *n,
        })
        .collect();
    let ratings: Vec<Bar> = Rating::all()
        .map(|r| Bar {
            label: format!("{} – {}", r.value(), r.label()),
            value: d.ratings[usize::from(r.value() - 1)],
        })
        .collect();
    let overdue_note = if d.overdue > 0 {
        format!("{} overdue", d.overdue)
    } else {
        "none overdue".to_owned()
    };
    view! {
        <dl class="tiles">
            <Tile label="Requests made" value=d.requests.to_string() />
            <Tile label="Match rate" value=rate(d.match_rate) note=format!("{} matched", d.matched) />
            <Tile label="Days to a match" value=days(d.ttm_median) note=format!("median; 90th percentile {}", days(d.ttm_p90)) />
            <Tile label="Matched within 14 days" value=rate(d.within_14_rate) note=format!("{} requests", d.matched_within_14) />
            <Tile label="Waiting now" value=d.backlog.to_string() note=overdue_note />
            <Tile label="Volunteer utilization" value=rate(d.utilization) note=format!("{} of {} contacts used", d.contacts_used, d.contacts_offered) />
            <Tile label="Feedback response rate" value=rate(d.response_rate) note=format!("{} answers", d.feedback) />
            <Tile label="Conversations held" value=d.interviews.to_string() note=format!("{} answers say it took place", d.feedback_held) />
            <Tile label="Average rating" value=d.average_text().map_or_else(|| "—".to_owned(), |a| format!("{a} / 5")) />
        </dl>
        <section aria-labelledby="ch-months-t" class="chart-section">
            <h2 id="ch-months-t">"Requests per month"</h2>
            <BarChart id="ch-months" title="Requests per month"
                desc="Bars: the number of requests made in each month of the range."
                unit="requests" heading="Month" column="Requests" bars=months />
        </section>
        <section aria-labelledby="ch-ttm-t" class="chart-section">
            <h2 id="ch-ttm-t">"Days to a first match"</h2>
            <BarChart id="ch-ttm" title="Days to a first match"
                desc="Bars: how many requests were first matched after each number of whole days (30 or more in the last bar)."
                unit="requests" heading="Days" column="Requests" bars=ttm />
        </section>
        <section aria-labelledby="ch-status-t">
            <h2 id="ch-status-t">"Where the requests stand"</h2>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">"Requests made in the range, by where they stand today"</caption>
                    <thead><tr><th scope="col">"Status"</th><th scope="col">"Requests"</th></tr></thead>
                    <tbody>
                        {d.statuses.iter().map(|(s, n)| view! {
                            <tr><th scope="row">{s.label()}</th><td>{*n}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        <DemandTable id="ds-roles" title="Demand and supply by role" what="Role" rows=d.roles.clone() />
        <DemandTable id="ds-settings" title="Demand and supply by setting" what="Setting" rows=d.settings.clone() />
        <section aria-labelledby="ch-ratings-t" class="chart-section">
            <h2 id="ch-ratings-t">"Ratings"</h2>
            <BarChart id="ch-ratings" title="Ratings given"
                desc="Bars: how many feedback answers gave each rating, from 1 (not useful) to 5 (extremely useful)."
                unit="answers" heading="Rating" column="Answers" bars=ratings />
        </section>
        <section aria-labelledby="comments-t">
            <h2 id="comments-t">"Recent comments"</h2>
            {if d.comments.is_empty() {
                view! { <p class="empty">"No comments on the requests of this range yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="comments">
                        {d.comments.iter().map(|c| view! {
                            <li>
                                <blockquote>{c.text.clone()}</blockquote>
                                <p class="hint">{long_date(c.on)}{c.rating.map(|r| format!(" · rated {r} of 5"))}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p class="hint">"Who wrote a comment is never shown."</p>
        </section>
    }
}

#[component]
fn DemandTable(
    id: &'static str,
    title: &'static str,
    what: &'static str,
    rows: Vec<DemandSupply>,
) -> impl IntoView {
    let heading = format!("{id}-t");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            <p class="hint">"Requests of the range asking for each, against listed volunteers with contacts left today."</p>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">{format!("{title}: requests of the range asking for each, and listed volunteers with contacts left offering it today")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{what}</th>
                            <th scope="col">"Requests"</th>
                            <th scope="col">"Volunteers"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let short = r.demand > r.supply;
                            view! {
                                <tr class:short=short>
                                    <th scope="row">{r.label}</th>
                                    <td>{r.demand}</td>
                                    <td>{r.supply}{short.then(|| view! { <span class="visually-hidden">" (fewer than asked)"</span> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One bar of a chart.
#[derive(Debug, Clone)]
struct Bar {
    label: String,
    value: u64,
}

/// A bar chart drawn as SVG on the server: scaled to its box (readable on a phone), with
/// a title and a description for assistive technology, and its numbers as a table.
#[component]
fn BarChart(
    id: &'static str,
    title: &'static str,
    desc: &'static str,
    unit: &'static str,
    heading: &'static str,
    /// The numbers' column heading.
    column: &'static str,
    bars: Vec<Bar>,
) -> impl IntoView {
    const HEIGHT: f64 = 160.0;
    const GAP: f64 = 4.0;
    let n = bars.len().max(1);
    let width = 600.0;
    let slot = width / n as f64;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    // At most six labels under the axis, so that they stay readable on a phone.
    let every = n.div_ceil(6).max(1);
    let empty = bars.iter().all(|b| b.value == 0);
    let rects = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let h = (b.value as f64 / max * HEIGHT).round();
            let x = i as f64 * slot + GAP / 2.0;
            let label = (i % every == 0).then(|| {
                view! {
                    <text x=format!("{:.1}", x + (slot - GAP) / 2.0) y=format!("{}", HEIGHT + 22.0)
                        text-anchor="middle" class="axis">{short_label(&b.label)}</text>
                }
            });
            view! {
                <g>
                    <rect x=format!("{x:.1}") y=format!("{:.1}", HEIGHT - h) width=format!("{:.1}", slot - GAP)
                        height=format!("{h:.1}") class="bar">
                        <title>{format!("{}: {} {unit}", b.label, b.value)}</title>
                    </rect>
                    {(b.value > 0).then(|| view! {
                        <text x=format!("{:.1}", x + (slot - GAP) / 2.0) y=format!("{:.1}", HEIGHT - h - 3.0)
                            text-anchor="middle" class="value">{b.value}</text>
                    })}
                    {label}
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            {empty.then(|| view! { <p class="empty">"Nothing to show in this range yet."</p> })}
            <svg hidden=empty viewBox=format!("-24 -22 {} {}", width + 48.0, HEIGHT + 48.0) role="img"
                aria-labelledby=labelled_by preserveAspectRatio="xMidYMid meet">
                <title id=title_id>{title}</title>
                <desc id=desc_id>{desc}</desc>
                <line x1="0" x2=format!("{width}") y1=format!("{HEIGHT}") y2=format!("{HEIGHT}") class="baseline" />
                {rects}
            </svg>
            <details>
                <summary>{format!("{title}: the numbers")}</summary>
                <div class="table-wrap">
                    <table class="data">
                        <caption class="visually-hidden">{title}</caption>
                        <thead><tr><th scope="col">{heading}</th><th scope="col">{column}</th></tr></thead>
                        <tbody>
                            {bars.iter().map(|b| view! {
                                <tr><th scope="row">{b.label.clone()}</th><td>{b.value}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// A bar's label under the axis: a month `2026-03` as `Mar 26`; a rating by its number.
fn short_label(label: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if let Some((y, m)) = label.split_once('-') {
        if let (Ok(m), true) = (m.parse::<usize>(), y.len() == 4) {
            if let Some(name) = MONTHS.get(m.wrapping_sub(1)) {
                return format!("{name} {}", &y[2..]);
            }
        }
    }
    label.split(' ').next().unwrap_or(label).to_owned()
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn axis_labels_are_short() {
        assert_eq!(short_label("2026-03"), "Mar 26");
        assert_eq!(short_label("5 – Extremely useful"), "5");
        assert_eq!(short_label("30+"), "30+");
    }
}
