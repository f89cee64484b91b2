package org.hotline.knowledge.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotline.knowledge.repository.DirectoryContactRepository;
import org.hotline.knowledge.repository.DirectoryContactRepository.Contact;

/**
 * The live agency numbers given with automatic answers, held in memory by region and re-read whenever the directory
 * changes (the {@code directory} notification every replica receives), so that an answer costs no database query.
 */
@ApplicationScoped
public class AgencyContacts {

    private final DirectoryContactRepository repository;
    private volatile Map<String, List<Contact>> byRegion = Map.of();

    public AgencyContacts(DirectoryContactRepository repository) {
        this.repository = repository;
    }

    /** Reads the agency numbers again. */
    public Uni<Void> reload() {
        return repository.liveAgencyContacts().invoke(all -> {
            byRegion = all.stream().collect(Collectors.groupingBy(Contact::regionCode,
                    Collectors.collectingAndThen(Collectors.toCollection(ArrayList::new), List::copyOf)));
            Log.debugf("%d live agency numbers", all.size());
        }).replaceWithVoid();
    }

    /** The agencies of the most local region in {@code chain} that has any with a live number. */
    public List<Contact> of(List<String> chain) {
        Map<String, List<Contact>> current = byRegion;
        for (String region : chain) {
            List<Contact> local = current.get(region);
            if (local != null) {
                return local;
            }
        }
        return List.of();
    }
}
