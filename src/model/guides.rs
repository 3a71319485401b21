//! The career guides the rules lean on, by title. Rule files name a guide
//! by its file in `guides/`, which means nothing to a user; everything a
//! user reads cites the title instead.

/// (file name, title) for each guide.
const GUIDES: &[(&str, &str)] = &[
    (
        "000_9c24faeb2b7f41c7.txt",
        "Career Path for a Python Developer",
    ),
    (
        "001_9632d8495c49f249.txt",
        "Python Developer Career Path Guide",
    ),
    ("002_b23f094648aa08d3.txt", "Python Developer Careers"),
    (
        "003_2905a3c33584023d.txt",
        "Python Developer Roadmap 2026: Skills, Tools, Frameworks & Career Guide",
    ),
    (
        "004_1d4a48ef2b7af727.txt",
        "What is the role of a Python Developer?",
    ),
];

/// The title of a guide named by its file; a name that is no known file
/// (a custom rule may cite anything) is taken as a title already.
pub fn title(guide: &str) -> &str {
    GUIDES
        .iter()
        .find(|(file, _)| *file == guide)
        .map_or(guide, |(_, title)| title)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_name_becomes_its_title_and_anything_else_stays() {
        assert_eq!(
            super::title("000_9c24faeb2b7f41c7.txt"),
            "Career Path for a Python Developer"
        );
        assert_eq!(super::title("My own guide"), "My own guide");
    }
}
