//! The command-line syntax of scenario changes: `--set-base ID=X` and
//! `--set-weight FROM:TO=X`, parsed into the values of an [`argmap::Scenario`].
//! The library takes the values; only the command line has this syntax.

use argmap::ScenarioError;

/// Parses a `--set-base` value, `ID=X` (ids cannot contain `=`, `:` or `,`).
pub(crate) fn parse_set_base(s: &str) -> Result<(String, f64), ScenarioError> {
    let bad = || ScenarioError::Malformed {
        flag: "--set-base",
        expected: "ID=X with X a number in [0, 1] (e.g. e1=0.3)",
        value: s.to_string(),
    };
    let (id, x) = s.split_once('=').ok_or_else(bad)?;
    let x: f64 = x.trim().parse().map_err(|_| bad())?;
    if id.is_empty() {
        return Err(bad());
    }
    Ok((id.to_string(), x))
}

/// Parses a `--set-weight` value, `FROM:TO=X`, into `(from, to, weight)`.
pub(crate) fn parse_set_weight(s: &str) -> Result<(String, String, f64), ScenarioError> {
    let bad = || ScenarioError::Malformed {
        flag: "--set-weight",
        expected: "FROM:TO=X with X a number >= 0 (e.g. e1:h=0.5)",
        value: s.to_string(),
    };
    let (edge, x) = s.split_once('=').ok_or_else(bad)?;
    let x: f64 = x.trim().parse().map_err(|_| bad())?;
    let (from, to) = edge.split_once(':').ok_or_else(bad)?;
    if from.is_empty() || to.is_empty() {
        return Err(bad());
    }
    Ok((from.to_string(), to.to_string(), x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flag_values() {
        assert_eq!(parse_set_base("e1=0.3"), Ok(("e1".into(), 0.3)));
        assert!(parse_set_base("e1:0.3").is_err());
        assert!(parse_set_base("=0.3").is_err());
        assert!(parse_set_base("e1=abc").is_err());
        assert_eq!(
            parse_set_weight("e1:h=2").unwrap(),
            ("e1".into(), "h".into(), 2.0)
        );
        assert_eq!(
            parse_set_weight("e1h=2").unwrap_err().to_string(),
            "--set-weight expects FROM:TO=X with X a number >= 0 (e.g. e1:h=0.5), got `e1h=2`"
        );
        assert!(parse_set_weight(":h=2").is_err());
    }

    #[test]
    fn well_formed_values_parse() {
        assert_eq!(parse_set_base("e1= 0.3"), Ok(("e1".into(), 0.3)));
        assert_eq!(
            parse_set_weight("e1:h=0.5"),
            Ok(("e1".into(), "h".into(), 0.5))
        );
    }

    #[test]
    fn malformed_values_name_the_flag_and_the_value() {
        for bad in ["e1", "=0.3", "e1=x"] {
            let e = parse_set_base(bad).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!(
                    "--set-base expects ID=X with X a number in [0, 1] (e.g. e1=0.3), got `{bad}`"
                )
            );
        }
        for bad in ["e1=0.5", "e1:=0.5", ":h=0.5", "e1:h"] {
            assert!(matches!(
                parse_set_weight(bad),
                Err(ScenarioError::Malformed {
                    flag: "--set-weight",
                    ..
                })
            ));
        }
    }
}
