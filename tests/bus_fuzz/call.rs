//! One raw call to the service under test, typed or deliberately wrong, and how it was answered.

use zbus::{Structure, Variant as Value};

use crate::surface::{Kind, Member, Surface};
use crate::values::{Pool, Rng, any_signature, value};

/// A message to send: where, what, with which arguments, and the coverage key it reaches when
/// it is well typed and addressed to a real object.
pub struct Call {
    pub path: String,
    pub interface: String,
    pub member: String,
    pub args: Vec<Value<'static>>,
    pub reaches: Option<String>,
}

const PROPERTIES: &str = "org.freedesktop.DBus.Properties";

/// The call that `mode` (0..100) and the generator choose: a well-typed call (70 %), a wrong
/// signature (15 %), an unknown member (5 %), object path (5 %) or interface (5 %).
pub fn choose(rng: &mut Rng, pool: &Pool, surface: &Surface, mode: u8) -> Call {
    // An interface first, then one of its members, so that the few members of an object that
    // exists only for a while (a call) are reached as often as those of the many-membered ones.
    let interfaces: Vec<&str> = surface.interfaces();
    let interface = *rng.pick(&interfaces);
    let members: Vec<&Member> = surface
        .members
        .iter()
        .filter(|m| m.interface == interface)
        .collect();
    let target = (*rng.pick(&members)).clone();
    let mut call = typed(rng, pool, &target);
    match mode {
        0..70 => {}
        70..85 => {
            call.reaches = None;
            let last = call.args.len().saturating_sub(1);
            let wrong = |rng: &mut Rng| {
                let signature = any_signature(rng, 0);
                value(rng, pool, &signature, 0)
            };
            match rng.below(3) {
                0 => call.args = (0..rng.below(4)).map(|_| wrong(rng)).collect(),
                1 if !call.args.is_empty() => call.args[rng.below(last + 1)] = wrong(rng),
                _ => call.args.push(wrong(rng)),
            }
        }
        85..90 => {
            call.reaches = None;
            call.member = format!("NoSuchMember{}", rng.below(100));
        }
        90..95 => {
            call.reaches = None;
            call.path = format!(
                "{}/nothing{}",
                target.path.as_str().trim_end_matches('/'),
                rng.below(9)
            );
        }
        _ => {
            call.reaches = None;
            call.interface = format!("org.opencabin.NoSuchInterface{}", rng.below(9));
        }
    }
    call
}

/// A well-typed call to `target`: its arguments, or a property's Get or Set (with a value of the
/// property's type; read-only properties too, which must be refused).
fn typed(rng: &mut Rng, pool: &Pool, target: &Member) -> Call {
    let path = target.path.to_string();
    match &target.kind {
        Kind::Method { name, args } => Call {
            path,
            interface: target.interface.clone(),
            member: name.clone(),
            args: args.iter().map(|sig| value(rng, pool, sig, 0)).collect(),
            reaches: Some(target.key()),
        },
        Kind::Property { name, ty, writable } => {
            let interface = Value::from(target.interface.clone());
            let property = Value::from(name.clone());
            if rng.chance(50) {
                return Call {
                    path,
                    interface: PROPERTIES.into(),
                    member: "Get".into(),
                    args: vec![interface, property],
                    reaches: Some(target.key()),
                };
            }
            let new = Value::Variant(Box::new(value(rng, pool, ty, 0)));
            Call {
                path,
                interface: PROPERTIES.into(),
                member: "Set".into(),
                args: vec![interface, property, new],
                reaches: Some(if *writable {
                    format!("{}=", target.key())
                } else {
                    target.key()
                }),
            }
        }
    }
}

/// How the service answered.
pub enum Answer {
    Reply(zbus::Message),
    Refused {
        name: String,
        message: String,
    },
    /// No answer at all: a timeout or a broken connection; always a failure.
    Silent(String),
}

pub async fn send(connection: &zbus::Connection, service: &str, call: &Call) -> Answer {
    let sent = async {
        if call.args.is_empty() {
            return connection
                .call_method(
                    Some(service),
                    call.path.as_str(),
                    Some(call.interface.as_str()),
                    call.member.as_str(),
                    &(),
                )
                .await;
        }
        let mut body = Structure::builder();
        for arg in &call.args {
            body.push_value(arg.try_clone().expect("a value without file descriptors"));
        }
        let body = body.build().expect("a body");
        connection
            .call_method(
                Some(service),
                call.path.as_str(),
                Some(call.interface.as_str()),
                call.member.as_str(),
                &body,
            )
            .await
    };
    match tokio::time::timeout(std::time::Duration::from_secs(5), sent).await {
        Err(_) => Answer::Silent("no answer within 5 s".into()),
        Ok(Ok(reply)) => Answer::Reply(reply),
        Ok(Err(zbus::Error::MethodError(name, message, _))) => Answer::Refused {
            name: name.to_string(),
            message: message.unwrap_or_default(),
        },
        Ok(Err(zbus::Error::FDO(err))) => refused(&*err),
        Ok(Err(zbus::Error::DBus(err))) => refused(&*err),
        Ok(Err(err)) => Answer::Silent(err.to_string()),
    }
}

fn refused(err: &(impl zbus::DBusError + ?Sized)) -> Answer {
    Answer::Refused {
        name: err.name().to_string(),
        message: err.description().unwrap_or_default().to_string(),
    }
}

/// The signature a call's body has, for messages.
pub fn signature_of(call: &Call) -> String {
    call.args
        .iter()
        .map(|a| a.value_signature().to_string())
        .collect::<Vec<_>>()
        .join("")
}
