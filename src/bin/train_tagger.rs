//! Trains the named-entity tagger and writes its weights file.
//!
//! ```text
//! cargo run --release --features train --bin train-tagger -- TRAIN.jsonl --dev DEV.jsonl \
//!     [--epochs N] [--runs R] [--bits B] [--seed S] [--out src/entities/model/tagger.bin]
//! ```
//!
//! Prints per-type exact-span precision, recall and F1 on the dev split after each epoch and for
//! the quantised weights that are written.

use std::process::ExitCode;
use std::time::Instant;

use analyze::entities::tagger::train::{self, Evaluation, Settings};
use analyze::entities::tagger::{ClassTable, Label, NameWords};
use analyze::lexicon::Lexicon;

struct Args {
    train: String,
    dev: Option<String>,
    out: String,
    settings: Settings,
    errors: bool,
}

fn parse() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut train = None;
    let mut dev = None;
    let mut out = "src/entities/model/tagger.bin".to_string();
    let mut errors = false;
    let mut settings = Settings {
        epochs: 10,
        runs: 4,
        bits: 17,
        seed: 2003,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--errors" => errors = true,
            "--dev" => dev = Some(value("--dev")?),
            "--out" => out = value("--out")?,
            "--epochs" => {
                settings.epochs = value("--epochs")?
                    .parse()
                    .map_err(|e| format!("--epochs: {e}"))?
            }
            "--bits" => {
                settings.bits = value("--bits")?
                    .parse()
                    .map_err(|e| format!("--bits: {e}"))?
            }
            "--runs" => {
                settings.runs = value("--runs")?
                    .parse()
                    .map_err(|e| format!("--runs: {e}"))?
            }
            "--seed" => {
                settings.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            _ if a.starts_with("--") => return Err(format!("unknown option `{a}`")),
            _ => train = Some(a),
        }
    }
    let train = train.ok_or("usage: train-tagger TRAIN.jsonl [--dev DEV.jsonl] [--epochs N] [--runs R] [--bits B] [--seed S] [--out FILE] [--errors]")?;
    Ok(Args {
        train,
        dev,
        out,
        settings,
        errors,
    })
}

fn print(name: &str, ev: &Evaluation) {
    for label in [Label::Per, Label::Loc, Label::Org, Label::Misc] {
        let (p, r, f) = ev.prf(label);
        println!(
            "  {name} {:5} P {p:.3}  R {r:.3}  F1 {f:.3}",
            label.as_str()
        );
    }
    let (p, r, f) = ev.overall();
    println!("  {name} all   P {p:.3}  R {r:.3}  F1 {f:.3}");
}

fn read(path: &str, classes: &ClassTable, errors: bool) -> Result<Vec<train::Doc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
    let (docs, counts) = train::read(&text, classes).map_err(|e| format!("`{path}`: {e}"))?;
    println!(
        "{path}: {} documents, {} gold spans, {} not on token boundaries",
        docs.len(),
        counts.spans,
        counts.misaligned.len()
    );
    if errors {
        for (id, span) in &counts.misaligned {
            eprintln!("not on token boundaries: {id} {span:?}");
        }
    }
    Ok(docs)
}

fn run() -> Result<(), String> {
    let args = parse()?;
    // the lexicon's word classes, as a snapshot written beside the weights
    let data_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/lexicon/data");
    let mut tsv = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(data_dir)
        .map_err(|e| format!("cannot read `{data_dir}`: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    names.sort();
    for p in &names {
        tsv.push(
            std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read `{}`: {e}", p.display()))?,
        );
    }
    let class_bytes = train::class_table(
        Lexicon::builtin(),
        &tsv.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let classes_out = std::path::Path::new(&args.out).with_file_name("classes.bin");
    std::fs::write(&classes_out, &class_bytes)
        .map_err(|e| format!("cannot write `{}`: {e}", classes_out.display()))?;
    println!(
        "wrote {} ({} bytes, from {} lexicon files)",
        classes_out.display(),
        class_bytes.len(),
        names.len()
    );
    let classes = ClassTable::from_bytes(Box::leak(class_bytes.clone().into_boxed_slice()))
        .ok_or("the word-class table just built does not read back")?;
    let mut docs = read(&args.train, &classes, args.errors)?;
    let mut dev = args
        .dev
        .as_deref()
        .map(|d| read(d, &classes, args.errors))
        .transpose()?;
    // the plain words that may be inside names, from the training split's gold names
    let names_list = train::name_words(&docs);
    let names_out = std::path::Path::new(&args.out).with_file_name("name_words.txt");
    std::fs::write(&names_out, &names_list)
        .map_err(|e| format!("cannot write `{}`: {e}", names_out.display()))?;
    println!(
        "wrote {} ({} words)",
        names_out.display(),
        names_list.lines().count()
    );
    let names = NameWords::from_lines(&names_list);
    train::know_name_words(&mut docs, &classes, &names);
    if let Some(dev) = &mut dev {
        train::know_name_words(dev, &classes, &names);
    }
    let started = Instant::now();
    let weights = train::train(&docs, args.settings, |run, epoch, w| {
        if let Some(dev) = &dev {
            let ev = train::evaluate(w, dev, false);
            let (_, _, f) = ev.overall();
            let per = |l| ev.prf(l).2;
            println!(
                "run {run} epoch {epoch:2}: dev F1 {f:.4} (PER {:.4} LOC {:.4} ORG {:.4} MISC {:.4}) {:.1}s",
                per(Label::Per),
                per(Label::Loc),
                per(Label::Org),
                per(Label::Misc),
                started.elapsed().as_secs_f64()
            );
        }
    });
    println!(
        "trained in {:.1}s: {:?}",
        started.elapsed().as_secs_f64(),
        args.settings
    );
    // confidence scores: the softmax temperature that fits the dev split (1 without one)
    let temperature = dev
        .as_ref()
        .map_or(1.0, |dev| train::temperature(&weights, dev));
    println!("softmax temperature {temperature:.3}");
    let bytes = weights.to_bytes(temperature);
    std::fs::write(&args.out, &bytes).map_err(|e| format!("cannot write `{}`: {e}", args.out))?;
    println!("wrote {} ({} bytes)", args.out, bytes.len());
    let tagger = train::shipped(bytes, &class_bytes, &names_list).map_err(|e| e.to_string())?;
    if let Some(dev) = &dev {
        print("dev", &train::evaluate(&tagger, dev, args.errors));
        let (n, _, ns) = train::time_tagging(&tagger, dev);
        println!("tagging: {n} tokens, {:.0} ns/token", ns as f64 / n as f64);
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-tagger: {e}");
            ExitCode::FAILURE
        }
    }
}
