//! Prints the reason vocabulary as a Markdown table (the README's table is made with it).
//!
//! ```sh
//! cargo run -q -p mailbounce-examples --example print_reasons
//! ```

fn main() {
    println!("| reason | recommended action | meaning |");
    println!("|---|---|---|");
    for kind in mailbounce::FailureKind::ALL {
        println!(
            "| `{}` | {} | {} |",
            kind.reason(),
            kind.recommended_action(),
            kind.description()
        );
    }
}
