//! From stored activities to calendar events: the DESCRIPTION a person finds useful (goals, agenda, who to ask for on
//! arrival, what to bring, who comes), CATEGORIES per kind, STATUS, ROLE and PARTSTAT, all-day dates.
//!
//! Invariants: the text is in the organisation's language (French unless English is set); a participant who is
//! removed (`cancelled`) or waitlisted is never an ATTENDEE of a REQUEST; an all-day item's days are its local dates
//! in its own zone, the end exclusive.

use crate::ical::{AttendeeRole, EventStatus, PartStat, When};
use crate::model::{
    Activity, ActivityKind, ActivityStatus, HalfDay, Language, ParticipantRecord,
    ParticipationStatus, Role,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use std::fmt::Write as _;

/// The zone an activity is written in: its own, else `fallback`.
pub(super) fn zone_of(a: &Activity, fallback: Tz) -> Tz {
    a.timezone.parse().unwrap_or(fallback)
}

/// DTSTART and DTEND: instants, or local days (end exclusive) for all-day items.
pub(super) fn span(a: &Activity, zone: Tz) -> (When, When) {
    if a.all_day {
        let first = a.start.with_timezone(&zone).date_naive();
        // The end instant is local midnight after the last day; a little before it is on the last day.
        let last = (a.end - Duration::seconds(1))
            .with_timezone(&zone)
            .date_naive();
        (
            When::Day(first),
            When::Day(last.max(first) + Duration::days(1)),
        )
    } else {
        (When::At(a.start), When::At(a.end))
    }
}

/// STATUS of a REQUEST or PUBLISH (a cancelled activity is only ever sent as a CANCEL).
pub(super) fn status_of(s: ActivityStatus) -> EventStatus {
    match s {
        ActivityStatus::Proposed => EventStatus::Tentative,
        ActivityStatus::Cancelled => EventStatus::Cancelled,
        _ => EventStatus::Confirmed,
    }
}

/// PARTSTAT of a participant, or `None` when they are not an attendee (removed or waitlisted).
pub(super) fn partstat_of(s: ParticipationStatus) -> Option<PartStat> {
    use ParticipationStatus as P;
    match s {
        P::Invited => Some(PartStat::NeedsAction),
        P::Accepted | P::Attended | P::NoShow => Some(PartStat::Accepted),
        P::Tentative => Some(PartStat::Tentative),
        P::Declined | P::Excused => Some(PartStat::Declined),
        P::Waitlisted | P::Cancelled => None,
    }
}

/// ROLE of a participant.
pub(super) fn role_of(r: Role) -> AttendeeRole {
    match r {
        Role::Trainer | Role::Organizer => AttendeeRole::Chair,
        _ => AttendeeRole::Required,
    }
}

/// Whether the person is expected there (for their own "all my sessions" calendar).
pub(super) fn coming(s: ParticipationStatus) -> bool {
    matches!(
        s,
        ParticipationStatus::Invited
            | ParticipationStatus::Accepted
            | ParticipationStatus::Tentative
    )
}

/// The texts of one language.
pub(super) struct Labels {
    kind: [&'static str; 4],
    role: [&'static str; 5],
    agenda: [&'static str; 4],
    bring: [&'static str; 4],
    days: [&'static str; 7],
    months: [&'static str; 12],
    goals: &'static str,
    program: &'static str,
    ask_for: &'static str,
    to_bring: &'static str,
    who: &'static str,
    organised_by: &'static str,
    when: &'static str,
    all_day: &'static str,
    from_to: (&'static str, &'static str),
    half: [&'static str; 3],
    /// "Reminder: {title} tomorrow" around the title.
    pub reminder: (&'static str, &'static str),
    /// Subject prefixes of iMIP messages: invitation, cancellation.
    pub subject: (&'static str, &'static str),
    /// Bodies of iMIP messages (`{title}`, `{when}` and `{organizer}` are replaced): invitation, cancellation.
    pub body: (&'static str, &'static str),
}

const FR: Labels = Labels {
    kind: ["Vis ma vie", "Formation", "Brief", "Co-location"],
    role: ["visiteur", "hôte", "formateur", "participant", "organisateur"],
    agenda: [
        "accueil et présentation du poste, immersion aux côtés de {host}, débrief de 15 minutes en fin de {half}",
        "tour de table, apports du formateur, ateliers en binômes marketing et ventes, plan d'action",
        "résultats de la semaine, offres du moment, retours terrain",
        "installation sur le plateau, écoute d'appels, point avec le responsable du plateau",
    ],
    bring: [
        "un carnet et votre badge",
        "un ordinateur portable et votre badge",
        "vos chiffres de la semaine",
        "ordinateur portable, casque et badge",
    ],
    days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    months: [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ],
    goals: "Objectifs : ",
    program: "Programme : ",
    ask_for: "À l'arrivée, demander : ",
    to_bring: "À apporter : ",
    who: "Participants : ",
    organised_by: "Organisé par : ",
    when: "Quand : ",
    all_day: "journée entière",
    from_to: ("du ", " au "),
    half: ["matinée", "après-midi", "journée"],
    reminder: ("Rappel : ", " demain"),
    subject: ("Invitation : ", "Annulé : "),
    body: (
        "Bonjour,\n\nVoici l'invitation « {title} » ({when}).\nOuvrez-la dans votre agenda pour répondre.\n\n{organizer}",
        "Bonjour,\n\n« {title} » ({when}) est annulé.\nOuvrez ce message pour le retirer de votre agenda.\n\n{organizer}",
    ),
};

const EN: Labels = Labels {
    kind: ["Shadowing", "Training", "Brief", "Co-location"],
    role: ["visitor", "host", "trainer", "attendee", "organiser"],
    agenda: [
        "welcome and job overview, shadowing {host}, 15-minute debrief at the end of the {half}",
        "round of introductions, trainer's input, marketing and sales pair workshops, action plan",
        "results of the week, current offers, feedback from the field",
        "settling in on the floor, listening to calls, catch-up with the floor manager",
    ],
    bring: [
        "a notebook and your badge",
        "a laptop and your badge",
        "your figures for the week",
        "laptop, headset and badge",
    ],
    days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    months: [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ],
    goals: "Goals: ",
    program: "Agenda: ",
    ask_for: "On arrival, ask for: ",
    to_bring: "What to bring: ",
    who: "Participants: ",
    organised_by: "Organised by: ",
    when: "When: ",
    all_day: "all day",
    from_to: ("from ", " to "),
    half: ["morning", "afternoon", "day"],
    reminder: ("Reminder: ", " tomorrow"),
    subject: ("Invitation: ", "Cancelled: "),
    body: (
        "Hello,\n\nHere is the invitation \"{title}\" ({when}).\nOpen it in your calendar to answer.\n\n{organizer}",
        "Hello,\n\n\"{title}\" ({when}) is cancelled.\nOpen this message to remove it from your calendar.\n\n{organizer}",
    ),
};

/// The labels of `lang` (French when unset: Unisson is for French companies).
pub(super) fn labels(lang: Option<Language>) -> &'static Labels {
    match lang {
        Some(Language::En) => &EN,
        _ => &FR,
    }
}

fn kind_index(k: ActivityKind) -> usize {
    match k {
        ActivityKind::Shadowing => 0,
        ActivityKind::Training => 1,
        ActivityKind::Brief => 2,
        ActivityKind::Colocation => 3,
    }
}

/// CATEGORIES of an activity.
pub(super) fn categories(k: ActivityKind, l: &Labels) -> Vec<&'static str> {
    vec![l.kind[kind_index(k)], "Unisson"]
}

/// The kind's name, for file names' readers and the index.
pub(super) fn kind_label(k: ActivityKind, l: &Labels) -> &'static str {
    l.kind[kind_index(k)]
}

fn long_date(d: NaiveDate, l: &Labels) -> String {
    let day = l.days[d.weekday().num_days_from_monday() as usize];
    let month = l.months[d.month0() as usize];
    format!("{day} {} {month} {}", d.day(), d.year())
}

/// "lundi 3 mars 2025, 09:00–12:30 (Europe/Paris)", or the days of an all-day item.
pub(super) fn when_text(a: &Activity, zone: Tz, l: &Labels) -> String {
    match span(a, zone) {
        (When::Day(first), When::Day(end)) => {
            let last = end - Duration::days(1);
            if last <= first {
                format!("{} ({})", long_date(first, l), l.all_day)
            } else {
                format!(
                    "{}{}{}{}",
                    l.from_to.0,
                    long_date(first, l),
                    l.from_to.1,
                    long_date(last, l)
                )
            }
        }
        _ => {
            let (s, e) = (a.start.with_timezone(&zone), a.end.with_timezone(&zone));
            let end = if s.date_naive() == e.date_naive() {
                e.format("%H:%M").to_string()
            } else {
                format!("{}, {}", long_date(e.date_naive(), l), e.format("%H:%M"))
            };
            format!(
                "{}, {}–{end} ({})",
                long_date(s.date_naive(), l),
                s.format("%H:%M"),
                zone.name()
            )
        }
    }
}

fn name_with_role(p: &ParticipantRecord, l: &Labels) -> String {
    let role = match p.role {
        Role::Visitor => 0,
        Role::Host => 1,
        Role::Trainer => 2,
        Role::Attendee => 3,
        Role::Organizer => 4,
    };
    format!("{} ({})", p.name, l.role[role])
}

/// The DESCRIPTION of an activity.
pub(super) fn description(
    a: &Activity,
    parts: &[ParticipantRecord],
    organiser: &str,
    zone: Tz,
    l: &Labels,
) -> String {
    let k = kind_index(a.kind);
    let find = |role: Role| {
        parts
            .iter()
            .find(|p| p.role == role && partstat_of(p.status).is_some())
    };
    let host = find(Role::Host).map_or(organiser, |p| p.name.as_str());
    let contact = match a.kind {
        ActivityKind::Shadowing => host,
        ActivityKind::Training => find(Role::Trainer).map_or(organiser, |p| p.name.as_str()),
        _ => organiser,
    };
    let half = match a.half_day {
        Some(HalfDay::Am) => l.half[0],
        Some(HalfDay::Pm) => l.half[1],
        _ => l.half[2],
    };
    let mut out = String::with_capacity(512);
    if !a.description.trim().is_empty() {
        out.push_str(a.description.trim());
        out.push_str("\n\n");
    }
    let _ = writeln!(out, "{}{}", l.when, when_text(a, zone, l));
    if !a.goals.trim().is_empty() {
        let _ = writeln!(out, "{}{}", l.goals, a.goals.trim());
    }
    let agenda = l.agenda[k].replace("{host}", host).replace("{half}", half);
    let _ = writeln!(out, "{}{agenda}", l.program);
    let _ = writeln!(out, "{}{contact}", l.ask_for);
    let _ = writeln!(out, "{}{}", l.to_bring, l.bring[k]);
    let who: Vec<String> = parts
        .iter()
        .filter(|p| partstat_of(p.status).is_some())
        .map(|p| name_with_role(p, l))
        .collect();
    if !who.is_empty() {
        let _ = writeln!(out, "{}{}", l.who, who.join(", "));
    }
    if !organiser.is_empty() {
        let _ = write!(out, "{}{organiser}", l.organised_by);
    }
    out
}

/// How long before the start the reminder fires: the day before, at 09:00 for all-day items.
pub(super) fn reminder_before(a: &Activity) -> Duration {
    if a.all_day {
        Duration::hours(15)
    } else {
        Duration::days(1)
    }
}

/// A file-name-safe ASCII slug ("Hélène Dupré" → "helene-dupre").
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' => "y",
            'ñ' => "n",
            'æ' => "ae",
            'œ' => "oe",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if folded == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(folded);
    }
    let trimmed = out.trim_end_matches('-');
    trimmed
        .chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// Local start day of an activity, for file names and the index.
pub(super) fn local_day(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

/// The DESCRIPTION of a brief series, for the sales team's own calendars.
pub(super) fn series_description(team: &str, l: &Labels) -> String {
    let k = kind_index(ActivityKind::Brief);
    format!(
        "{}{}\n{}{}\n{}{team}",
        l.program, l.agenda[k], l.to_bring, l.bring[k], l.who
    )
}
