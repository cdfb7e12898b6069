/**
 * Word lists for the synthetic exports: given names and surnames from many languages (with
 * their accents and special letters), a long tail of invented surnames, email domains and
 * organisation names. Order matters: earlier entries are picked more often (see `skewed`).
 */

export const FIRST_NAMES: readonly string[] = [
  'Maria', 'John', 'Anna', 'David', 'Sarah', 'Michael', 'Laura', 'James', 'Emma', 'Daniel',
  'José', 'María', 'Sofía', 'Zoé', 'Chloé', 'Léa', 'Hélène', 'Jérôme', 'François', 'Noël',
  'Jürgen', 'Jörg', 'Günter', 'Käthe', 'Björn', 'Søren', 'Åsa', 'Øystein', 'Sigríður', 'Ásgeir',
  'Łukasz', 'Małgorzata', 'Wojciech', 'Zbigniew', 'Jędrzej', 'Jiří', 'Tomáš', 'Kateřina', 'Lucie', 'Ondřej',
  'Çağla', 'Gökhan', 'Şule', 'İlker', 'Ayşe', 'Seán', 'Siobhán', 'Aoife', 'Niamh', 'Órla',
  'Ștefan', 'Zsófia', 'Gergő', 'João', 'Conceição', 'Gonçalo', 'Inês', 'Andrés', 'Íñigo', 'Begoña',
  'Martín', 'Nuño', 'Anaïs', 'Gaël', 'Théo', 'Aïcha', 'Youssef', 'Fatima', 'Mohammed', 'Chinedu',
  'Oluwaseun', 'Amara', 'Kwame', 'Wei', 'Hiroshi', 'Yuki', 'Min-jun', 'Priya', 'Arjun', 'Ananya',
  'Robert', 'Linda', 'William', 'Elizabeth', 'Richard', 'Barbara', 'Joseph', 'Susan', 'Thomas', 'Jessica',
  'Charles', 'Karen', 'Christopher', 'Nancy', 'Matthew', 'Lisa', 'Anthony', 'Betty', 'Mark', 'Margaret',
  'Donald', 'Sandra', 'Steven', 'Ashley', 'Paul', 'Kimberly', 'Andrew', 'Emily', 'Joshua', 'Donna',
  'Kenneth', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda', 'George', 'Melissa', 'Edward', 'Deborah',
  'Ronald', 'Stephanie', 'Timothy', 'Rebecca', 'Jason', 'Sharon', 'Jeffrey', 'Cynthia', 'Ryan', 'Kathleen',
  'Jacob', 'Amy', 'Gary', 'Shirley', 'Nicholas', 'Angela', 'Eric', 'Helen', 'Jonathan', 'Anna-Lena',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Samantha', 'Brandon', 'Katherine',
  'Fiona', 'Grace', 'Kevin', 'Siobhan', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia',
  'Giulia', 'Matteo', 'Francesca', 'Lorenzo', 'Chiara', 'Alessandro', 'Elena', 'Marco', 'Paola', 'Luca',
  'Pierre', 'Camille', 'Antoine', 'Manon', 'Nicolas', 'Élodie', 'Étienne', 'Cécile', 'Benoît', 'Agnès',
  'Hans', 'Ursula', 'Klaus', 'Brigitte', 'Wolfgang', 'Sabine', 'Stefan', 'Monika', 'Uwe', 'Heike',
  'Jan', 'Eva', 'Piotr', 'Agnieszka', 'Pavel', 'Petra', 'Lars', 'Ingrid', 'Mikael', 'Kristín',
  'Dmitri', 'Olga', 'Ivan', 'Natalia', 'Sergei', 'Tatiana', 'Nikos', 'Eleni', 'Dimitris', 'Katerina',
  'Ahmed', 'Leila', 'Omar', 'Yasmin', 'Karim', 'Nadia', 'Ali', 'Samira', 'Hassan', 'Zainab',
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'García', 'Müller', 'Martin', 'Nguyễn', 'Kowalski', 'Johnson', 'Rossi', 'Dubois', 'Silva',
  'Brown', 'Martínez', 'Schäfer', 'Nowak', 'Novák', 'Dvořák', 'Öztürk', 'Yılmaz', "O'Brien", 'Ó Súilleabháin',
  'MacDonald', 'van der Berg', 'De la Cruz', 'Núñez', 'Peña', 'Ibáñez', 'Sørensen', 'Åberg', 'Lindqvist', 'Björk',
  'Jónsdóttir', 'Gallagher', 'Murphy', 'Kelly', 'Okafor', 'Adeyemi', 'Mensah', 'Kim', 'Park', 'Tanaka',
  'Sato', 'Chen', 'Wang', 'Li', 'Zhang', 'Singh', 'Patel', 'Kumar', 'Russo', 'Bianchi',
  'Esposito', 'Ferrari', 'Lefèvre', 'Moreau', 'Girard', 'Bonnet', 'François', 'Fournier', 'Mercier', 'Da Silva',
  'Gonçalves', 'Pereira', 'Ribeiro', 'Fernandes', 'Costa', 'Almeida', 'Rodrigues', 'Sánchez', 'Pérez', 'Gómez',
  'López', 'Díaz', 'Hernández', 'Jiménez', 'Álvarez', 'Romero', 'Navarro', 'Domínguez', 'Vázquez', 'Ramos',
  'Gil', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz',
  'Williams', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson',
  'White', 'Harris', 'Thompson', 'Robinson', 'Clark', 'Lewis', 'Lee', 'Walker', 'Hall', 'Allen',
  'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell',
  'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards',
  'Stewart', 'Morris', 'Murray', 'Cook', 'Rogers', 'Reed', 'Bailey', 'Bell', 'Cooper', 'Richardson',
  'Cox', 'Howard', 'Ward', 'Peterson', 'Gray', 'James', 'Watson', 'Brooks', 'Kennedy', 'Sanders',
  'Price', 'Bennett', 'Wood', 'Barnes', 'Ross', 'Henderson', 'Coleman', 'Jenkins', 'Perry', 'Powell',
  'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch',
  'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann',
  'Lewandowski', 'Wiśniewski', 'Wójcik', 'Kamiński', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski',
  'Svoboda', 'Černý', 'Procházka', 'Kučera', 'Veselý', 'Horák', 'Němec', 'Pokorný', 'Marek', 'Pospíšil',
  'Kaya', 'Demir', 'Şahin', 'Çelik', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Aslan',
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsson',
  'Nielsen', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Håkansson',
  'Byrne', 'Ryan', "O'Sullivan", 'Walsh', "O'Connor", 'McCarthy', "O'Neill", 'Doyle', 'Lynch', 'Ó Briain',
  'Popescu', 'Ionescu', 'Nagy', 'Tóth', 'Szabó', 'Horváth', 'Varga', 'Kiss', 'Papadopoulos', 'Georgiou',
  'Ivanov', 'Smirnov', 'Kuznetsov', 'Popov', 'Petrov', 'Sokolov', 'Mikhailov', 'Fedorov', 'Morozov', 'Volkov',
  'Haddad', 'Khalil', 'Mansour', 'Benali', 'El Amrani', 'Bouzid', 'Saleh', 'Nasser', 'Rahman', 'Hussain',
  'Yamamoto', 'Watanabe', 'Suzuki', 'Takahashi', 'Nakamura', 'Kobayashi', 'Lim', 'Tan', 'Ng', 'Wong',
  'Smith-Jones', 'García-López', 'Müller-Lüdenscheidt', 'Le Goff', 'de Souza', 'dos Santos', 'van Dijk', 'de Vries', 'Jansen', 'Bakker',
  'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks',
];

/** Pieces of invented surnames: the long tail a large CRM has (a few hundred thousand distinct names). */
export const SURNAME_HEADS: readonly string[] = [
  'Ab', 'Bal', 'Ber', 'Bren', 'Car', 'Dal', 'Der', 'Dor', 'El', 'Fal', 'Fen', 'Gal', 'Gor', 'Hal', 'Har',
  'Hel', 'Ire', 'Jan', 'Kar', 'Kel', 'Kor', 'Lan', 'Lin', 'Lor', 'Mal', 'Mar', 'Mer', 'Mon', 'Nor', 'Ol',
  'Par', 'Pel', 'Quin', 'Ral', 'Ren', 'Ros', 'Sal', 'Sel', 'Sor', 'Tal', 'Ter', 'Tor', 'Ul', 'Val', 'Ver',
  'Vol', 'Wal', 'Wen', 'Yar', 'Zel', 'Ång', 'Øst', 'Dü', 'Gö', 'Şen', 'Łas', 'Ća', 'Né', 'Ši', 'Žu',
];
export const SURNAME_MIDS: readonly string[] = ['', '', '', 'a', 'e', 'i', 'o', 'u', 'en', 'ar', 'er', 'ov', 'in', 'el'];
export const SURNAME_MIDS2: readonly string[] = ['', '', '', 'ber', 'lin', 'dor', 'ka', 'mi', 'ro', 'ta', 'van', 'sel'];
export const SURNAME_TAILS: readonly string[] = [
  'berg', 'mann', 'ski', 'ić', 'ović', 'escu', 'opoulos', 'ez', 'son', 'sen', 'ton', 'ley', 'ford', 'wood', 'hart',
  'ell', 'ino', 'etti', 'oni', 'stein', 'ström', 'gaard', 'ard', 'ault', 'eau', 'ier', 'ova', 'enko', 'yan', 'shvili',
  'oğlu', 'dóttir', 'sson', 'ham', 'wick', 'by', 'thorpe', 'ridge', 'ville', 'court',
];

export const FREE_MAIL: readonly string[] = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'gmx.de', 'web.de',
  'orange.fr', 'free.fr', 'libero.it', 'yahoo.co.uk', 'btinternet.com', 'hotmail.co.uk', 'proton.me',
  'googlemail.com', 'mail.ru', 'seznam.cz', 'wp.pl', 'telenet.be', 'eircom.net', 'bluewin.ch', 'xs4all.nl',
];

/** Common misspellings of popular domains (what people really type). */
export const DOMAIN_TYPOS: Readonly<Record<string, readonly string[]>> = {
  'gmail.com': ['gmial.com', 'gmai.com', 'gnail.com', 'gmaill.com', 'gamil.com'],
  'yahoo.com': ['yaho.com', 'yahooo.com', 'yhoo.com'],
  'hotmail.com': ['hotmial.com', 'hotmal.com', 'hotmai.com', 'homail.com'],
  'outlook.com': ['outlok.com', 'outloo.com', 'outllook.com'],
  'icloud.com': ['iclod.com', 'icloud.co'],
};

export const ORG_WORDS: readonly string[] = [
  'river', 'side', 'food', 'bank', 'green', 'valley', 'harbour', 'north', 'south', 'east', 'west', 'city',
  'arts', 'music', 'youth', 'health', 'care', 'trust', 'union', 'forest', 'lake', 'hill', 'bridge', 'stone',
  'oak', 'maple', 'cedar', 'pine', 'sun', 'moon', 'star', 'light', 'hope', 'unity', 'common', 'civic',
  'alliance', 'network', 'project', 'society', 'league', 'circle', 'guild', 'works', 'labs', 'studio',
];
export const ORG_TLDS: readonly string[] = ['org', 'org', 'org', 'com', 'net', 'de', 'fr', 'org.uk', 'ie', 'nl', 'it', 'es', 'ca'];
export const ORG_KINDS: readonly string[] = ['Association', 'Foundation', 'Trust', 'Society', 'Cooperative', 'Ltd', 'Inc.', 'e.V.', 'Club', 'Network'];

export const NICKNAMES: Readonly<Record<string, string>> = {
  Robert: 'Bob', William: 'Bill', Elizabeth: 'Liz', Richard: 'Rick', Joseph: 'Joe', Thomas: 'Tom',
  Michael: 'Mike', Christopher: 'Chris', Katherine: 'Kate', Margaret: 'Maggie', Jonathan: 'Jon',
  Matthew: 'Matt', Nicholas: 'Nick', Andrew: 'Andy', Daniel: 'Dan', Samantha: 'Sam', Alessandro: 'Sandro',
};

/** Words people build nicknames from (sunnyfox77@…). */
export const NOUNS: readonly string[] = [
  'sunny', 'fox', 'blue', 'sky', 'tiger', 'moon', 'star', 'rock', 'river', 'wolf', 'bear', 'eagle',
  'happy', 'lucky', 'storm', 'shadow', 'dragon', 'angel', 'cat', 'dog', 'rose', 'lily', 'ocean', 'fire',
  'ice', 'snow', 'rain', 'green', 'red', 'silver', 'gold', 'pixel', 'ninja', 'cookie', 'honey', 'peach',
];
