//! What the fuzzer reads after every sequence, and what must hold of it: every property of every
//! object (`GetAll`) and every argument-less getter method (oFono's `GetProperties`, `GetCalls`),
//! no number anywhere NaN or infinite, and each service's own ranges and rules.

use std::collections::BTreeMap;

use zbus::{OwnedVariant as OwnedValue, Structure, Variant as Value};

use crate::surface::{Kind, Surface};

/// Values by `interface.Name` (one per object that has it): properties and getters' replies.
#[derive(Default)]
pub struct Snapshot {
    pub values: BTreeMap<String, Vec<OwnedValue>>,
}

pub async fn snapshot(
    connection: &zbus::Connection,
    service: &str,
    surface: &Surface,
) -> Result<Snapshot, String> {
    let mut snapshot = Snapshot::default();
    for (path, interface) in surface.property_holders() {
        let reply = connection
            .call_method(
                Some(service),
                path.as_str(),
                Some("org.freedesktop.DBus.Properties"),
                "GetAll",
                &(interface.as_str(),),
            )
            .await
            .map_err(|e| format!("GetAll({interface}) on {} fails: {e}", path.as_str()))?;
        let all: BTreeMap<String, OwnedValue> =
            reply.body().deserialize().map_err(|e| e.to_string())?;
        for (name, value) in all {
            snapshot
                .values
                .entry(format!("{interface}.{name}"))
                .or_default()
                .push(value);
        }
    }
    for member in &surface.members {
        let Kind::Method { name, args } = &member.kind else {
            continue;
        };
        if !(args.is_empty() && name.starts_with("Get") && name != "GetMachineId") {
            continue;
        }
        let reply = connection
            .call_method(
                Some(service),
                &member.path,
                Some(member.interface.as_str()),
                name.as_str(),
                &(),
            )
            .await
            .map_err(|e| format!("{} on {} fails: {e}", member.key(), member.path.as_str()))?;
        let body = reply.body();
        let body: Structure = body.deserialize().map_err(|e| e.to_string())?;
        for field in body.fields() {
            let value = OwnedValue::try_from(field.try_clone().map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            snapshot
                .values
                .entry(format!("{}.{name}()", member.interface))
                .or_default()
                .push(value);
        }
    }
    Ok(snapshot)
}

impl Snapshot {
    /// Every number that is not finite, anywhere.
    pub fn non_finite(&self) -> Vec<String> {
        let mut bad = Vec::new();
        for (key, values) in &self.values {
            for value in values {
                visit(value, &mut |v| {
                    if let Value::F64(x) = v
                        && !x.is_finite()
                    {
                        bad.push(format!("{key} holds {x}"));
                    }
                });
            }
        }
        bad
    }

    /// The numbers `key` holds (every object's), as f64.
    pub fn numbers(&self, key: &str) -> Vec<f64> {
        let mut numbers = Vec::new();
        for value in self.values.get(key).into_iter().flatten() {
            match &**value {
                Value::F64(x) => numbers.push(*x),
                Value::U8(x) => numbers.push(*x as f64),
                Value::U16(x) => numbers.push(*x as f64),
                Value::U32(x) => numbers.push(*x as f64),
                Value::I64(x) => numbers.push(*x as f64),
                _ => {}
            }
        }
        numbers
    }

    /// The strings `key` holds.
    pub fn strings(&self, key: &str) -> Vec<String> {
        let values = self.values.get(key).into_iter().flatten();
        values
            .filter_map(|v| match &**v {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect()
    }

    /// A violation for each number of `key` outside `lo..=hi`, or a missing `key`.
    pub fn within(&self, key: &str, lo: f64, hi: f64) -> Vec<String> {
        let numbers = self.numbers(key);
        if numbers.is_empty() {
            return vec![format!("{key} is not readable")];
        }
        numbers
            .into_iter()
            .filter(|x| !(lo..=hi).contains(x))
            .map(|x| format!("{key} = {x}, outside {lo}..{hi}"))
            .collect()
    }

    /// A violation for each string of `key` not among `allowed`, or a missing `key`.
    pub fn one_of(&self, key: &str, allowed: &[&str]) -> Vec<String> {
        let strings = self.strings(key);
        if strings.is_empty() {
            return vec![format!("{key} is not readable")];
        }
        strings
            .into_iter()
            .filter(|s| !allowed.contains(&s.as_str()))
            .map(|s| format!("{key} = {s:?}, not one of {allowed:?}"))
            .collect()
    }
}

/// Calls `f` on `value` and everything inside it.
pub fn visit(value: &Value<'_>, f: &mut impl FnMut(&Value<'_>)) {
    f(value);
    match value {
        Value::Variant(v) => visit(v, f),
        Value::Array(a) => a.inner().iter().for_each(|v| visit(v, f)),
        Value::Dict(d) => d.iter().for_each(|(k, v)| {
            visit(k, f);
            visit(v, f);
        }),
        Value::Structure(s) => s.fields().iter().for_each(|v| visit(v, f)),
        _ => {}
    }
}
