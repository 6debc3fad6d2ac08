//! Throughput of mailbounce over a directory of real bounces, read into memory once:
//! `mail-parser` alone (the floor), full `parse` + classify, the largest messages (the worst
//! cases), a parallel batch, and constructed worst cases (20 MB bounces, 10,000 recipients). Run with `cargo bench -p mailbounce-benches`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

fn parse_corpus(c: &mut Criterion) {
    let (dir, messages) = mailbounce_benches::load_messages();
    let bytes: usize = messages.iter().map(Vec::len).sum();
    eprintln!(
        "{} messages, {bytes} bytes, from {}",
        messages.len(),
        dir.display()
    );

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(messages.len() as u64));
    group.bench_function("mail_parser_only", |b| {
        let parser = mail_parser::MessageParser::new();
        b.iter(|| {
            messages
                .iter()
                .filter(|m| parser.parse(m.as_slice()).is_some())
                .count()
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            messages
                .iter()
                .filter_map(|m| mailbounce::parse(m).ok())
                .map(|r| r.bounces.len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse_parallel", |b| {
        b.iter(|| {
            messages
                .par_iter()
                .filter(|m| mailbounce::parse(m).is_ok())
                .count()
        })
    });
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse_bytes", |b| {
        b.iter(|| {
            messages
                .iter()
                .filter(|m| mailbounce::parse(m).is_ok())
                .count()
        })
    });
    group.finish();

    // The ten largest messages: long quoted originals and attachments are the worst cases.
    let mut largest: Vec<&Vec<u8>> = messages.iter().collect();
    largest.sort_by_key(|m| std::cmp::Reverse(m.len()));
    largest.truncate(10);
    let mut group = c.benchmark_group("largest");
    group.throughput(Throughput::Bytes(
        largest.iter().map(|m| m.len() as u64).sum(),
    ));
    group.bench_function("parse", |b| {
        b.iter(|| {
            largest
                .iter()
                .filter(|m| mailbounce::parse(m).is_ok())
                .count()
        })
    });
    group.finish();
}

/// Worst cases by construction: bounces of 5, 10 and 20 MB (a long quoted original and a large
/// attachment) and a DSN of 10,000 recipients. Time per message should grow linearly with size
/// and stay well under a second.
fn adversarial_sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    for megabytes in [5, 10, 20] {
        let message = mailbounce_benches::large_bounce(megabytes << 20);
        group.throughput(Throughput::Bytes(message.len() as u64));
        group.bench_function(format!("bounce_{megabytes}mb"), |b| {
            b.iter(|| mailbounce::parse(&message).map(|r| r.bounces.len()))
        });
    }
    let message = mailbounce_benches::dsn_with_recipients(10_000);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("dsn_10000_recipients", |b| {
        b.iter(|| mailbounce::parse(&message).map(|r| r.bounces.len()))
    });
    group.finish();
}

criterion_group!(benches, parse_corpus, adversarial_sizes);
criterion_main!(benches);
