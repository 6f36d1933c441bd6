//! `followed_properties!`: makes a contract state struct `Followed` through an interface's typed
//! proxy. Each field is named with the proxy's getter and change stream for it, which zbus
//! derived from the service's own getters: a renamed property no longer compiles here.

/// `followed_properties!(State, Proxy { field: getter / receive_getter_changed, ... })`; a field
/// may be an array element (`pressure_kpa[0]`) and take the property's value through `Into`.
/// Constant properties have no change stream and are not followed.
macro_rules! followed_properties {
    ($state:ty, $proxy:ident {
        $($field:ident $([$index:literal])? : $getter:ident / $stream:ident),+ $(,)?
    }) => {
        impl $crate::client::Followed for $state {
            async fn open(
                connection: &zbus::Connection,
                service: &str,
            ) -> zbus::Result<(Self, $crate::client::Updates<Self>)> {
                use futures_util::StreamExt;
                let proxy = $proxy::builder(connection)
                    .destination(service.to_string())
                    .cache_properties(zbus::proxy::CacheProperties::Yes)
                    .build()
                    .await?;
                let mut updates = futures_util::stream::SelectAll::new();
                $(
                    // The stream yields the current value first, then each change.
                    updates.push(
                        proxy
                            .$stream()
                            .await
                            .filter_map(|change| async move {
                                let value = change.get().await.ok()?;
                                let update: $crate::client::Update<Self> =
                                    Box::new(move |state: &mut Self| {
                                        state.$field $([$index])? = value.into();
                                    });
                                Some(update)
                            })
                            .boxed(),
                    );
                )+
                // The getters read the cache the proxy filled with one GetAll.
                let mut state = Self::default();
                let mut read = 0;
                $(
                    if let Ok(value) = proxy.$getter().await {
                        state.$field $([$index])? = value.into();
                        read += 1;
                    }
                )+
                if read == 0 {
                    return Err(zbus::Error::Failure(format!(
                        "{service}: no property of {} could be read",
                        $crate::contract::interface_of::<$proxy<'_>>()
                    )));
                }
                Ok((state, updates.boxed()))
            }
        }
    };
}
