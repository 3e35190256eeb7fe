use crosscheck::{corpus, Analysis};
fn main() {
    let an = Analysis::build(corpus::bundled());
    for c in &an.claims {
        for f in &c.figures {
            println!("{}\t{}\t{:?}\t{:?}\t{:?}\t{:?}\t{}", c.id, f.text, f.qualifier, f.low, f.high, f.unit, f.vague);
        }
    }
}
