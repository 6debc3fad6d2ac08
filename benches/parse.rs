//! Throughput of `mailbounce::parse` (MIME parsing, decoding and classification) over a
//! directory of real bounces, read into memory once. Run with `cargo bench -p mailbounce-benches`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

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
    group.bench_function("parse", |b| {
        b.iter(|| {
            messages
                .iter()
                .filter_map(|m| mailbounce::parse(m).ok())
                .map(|r| r.bounces.len())
                .sum::<usize>()
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
}

criterion_group!(benches, parse_corpus);
criterion_main!(benches);
