//! A service's D-Bus surface as its live introspection lists it: every object under `/`, each
//! interface's methods (with the signatures of their arguments) and properties, and the words its
//! documentation quotes (the allowed names, which seed the fuzzer's strings).

use std::collections::BTreeSet;

use zbus::{OwnedObjectPath, Signature};

/// One member a caller can reach.
#[derive(Debug, Clone)]
pub struct Member {
    pub path: OwnedObjectPath,
    pub interface: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub enum Kind {
    Method {
        name: String,
        args: Vec<Signature>,
    },
    Property {
        name: String,
        ty: Signature,
        writable: bool,
    },
}

impl Member {
    /// The member's name, the same for every object that has it (the key for coverage).
    pub fn key(&self) -> String {
        match &self.kind {
            Kind::Method { name, .. } => format!("{}.{name}()", self.interface),
            Kind::Property { name, .. } => format!("{}.{name}", self.interface),
        }
    }
}

/// Every member of `service`, walking the object tree from `/`, and the quoted words of its
/// documentation.
pub struct Surface {
    pub members: Vec<Member>,
    pub words: BTreeSet<String>,
}

impl Surface {
    pub async fn discover(connection: &zbus::Connection, service: &str) -> zbus::Result<Surface> {
        let mut surface = Surface {
            members: Vec::new(),
            words: BTreeSet::new(),
        };
        let mut pending = vec!["/".to_string()];
        while let Some(path) = pending.pop() {
            let reply = connection
                .call_method(
                    Some(service),
                    path.as_str(),
                    Some("org.freedesktop.DBus.Introspectable"),
                    "Introspect",
                    &(),
                )
                .await?;
            let xml: String = reply.body().deserialize()?;
            surface.words.extend(quoted_words(&xml));
            let node = zbus_xml::Node::from_reader(xml.as_bytes())
                .map_err(|e| zbus::Error::Failure(format!("introspection of {path}: {e}")))?;
            for child in node.nodes().iter().filter_map(|n| n.name()) {
                let sep = if path == "/" { "" } else { "/" };
                pending.push(format!("{path}{sep}{child}"));
            }
            let object = OwnedObjectPath::try_from(path.as_str())?;
            for interface in node.interfaces() {
                surface.add(&object, interface);
            }
        }
        Ok(surface)
    }

    fn add(&mut self, path: &OwnedObjectPath, interface: &zbus_xml::Interface) {
        let member = |kind| Member {
            path: path.clone(),
            interface: interface.name().to_string(),
            kind,
        };
        for method in interface.methods() {
            let args = method
                .args()
                .iter()
                .filter(|a| a.direction() != Some(zbus_xml::ArgDirection::Out))
                .map(|a| signature(a.ty()))
                .collect();
            let name = method.name().to_string();
            self.members.push(member(Kind::Method { name, args }));
        }
        for property in interface.properties() {
            self.members.push(member(Kind::Property {
                name: property.name().to_string(),
                ty: signature(property.ty()),
                writable: property.access().write(),
            }));
        }
    }

    /// Every interface, once.
    pub fn interfaces(&self) -> Vec<&str> {
        let names: BTreeSet<&str> = self.members.iter().map(|m| m.interface.as_str()).collect();
        names.into_iter().collect()
    }

    /// The objects and interfaces that have properties.
    pub fn property_holders(&self) -> BTreeSet<(String, String)> {
        self.members
            .iter()
            .filter(|m| matches!(m.kind, Kind::Property { .. }))
            .map(|m| (m.path.to_string(), m.interface.clone()))
            .collect()
    }
}

/// zbus_xml's signature (zvariant 5's) as zbus 6's.
fn signature(ty: &zbus_xml::Signature) -> Signature {
    Signature::try_from(ty.to_string().as_str()).expect("introspection lists valid signatures")
}

/// Words in quotes or backticks in the documentation comments: `"night"`, `` `D` ``.
fn quoted_words(xml: &str) -> impl Iterator<Item = String> + '_ {
    xml.lines()
        .filter(|line| !line.trim_start().starts_with('<'))
        .flat_map(|line| {
            let mut words = Vec::new();
            for quote in ['"', '`'] {
                let parts: Vec<&str> = line.split(quote).collect();
                words.extend(parts.iter().skip(1).step_by(2).map(|w| w.to_string()));
            }
            words
        })
        .filter(|w| !w.is_empty() && w.len() < 80)
}
